package dev.weft.model.openai;

import dev.weft.model.ChatRequest;
import dev.weft.model.ModelException;
import java.net.URI;
import java.time.Duration;

/**
 * Where and how to reach an OpenAI-compatible server. {@code baseUrl} ends before {@code /chat/completions}
 * (such as {@code https://api.openai.com/v1} or {@code http://127.0.0.1:11434/v1}); {@code apiKey} may be
 * null for servers that need none (Ollama, llama.cpp); {@code model} is used when a request names none.
 * {@code connectTimeout} bounds connecting, {@code responseTimeout} the wait for the response headers and
 * {@code idleTimeout} the wait between two pieces of a streamed body.
 */
public record OpenAiSettings(
        String baseUrl, String apiKey, String model, Duration connectTimeout, Duration responseTimeout, Duration idleTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    public OpenAiSettings {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("an OpenAI-compatible provider needs a base URL, such as https://api.openai.com/v1");
        }
        baseUrl = baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the base URL '" + baseUrl + "' is not a valid URL: " + e.getMessage(), e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("the base URL '" + baseUrl + "' must be an http:// or https:// URL with a host");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        model = model == null || model.isBlank() ? null : model.strip();
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        responseTimeout = responseTimeout == null ? DEFAULT_RESPONSE_TIMEOUT : responseTimeout;
        idleTimeout = idleTimeout == null ? DEFAULT_IDLE_TIMEOUT : idleTimeout;
    }

    public OpenAiSettings(String baseUrl, String apiKey, String model) {
        this(baseUrl, apiKey, model, null, null, null);
    }

    /** The model a request names, else this provider's default; a {@link ModelException} when there is neither. */
    public String modelFor(ChatRequest request) {
        if (request.model() != null && !request.model().isBlank()) {
            return request.model();
        }
        if (model == null) {
            throw new ModelException("no model name given for " + baseUrl + " and the provider has no default model", 0);
        }
        return model;
    }

    public URI chatCompletionsUri() {
        return URI.create(baseUrl + "/chat/completions");
    }

    public OpenAiSettings withModel(String otherModel) {
        return new OpenAiSettings(baseUrl, apiKey, otherModel, connectTimeout, responseTimeout, idleTimeout);
    }

    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "****") + ", model=" + model + "]";
    }
}
