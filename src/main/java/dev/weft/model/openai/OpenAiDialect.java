package dev.weft.model.openai;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How one family of servers speaks OpenAI's chat completions: where the endpoint is, how the key is sent and which
 * optional fields it accepts.
 *
 * <ul>
 *   <li>OpenAI-compatible servers: {@code {base}/chat/completions}, {@code Authorization: Bearer}.
 *   <li>OpenAI itself: the same, with {@code max_tokens} sent as {@code max_completion_tokens}, which its reasoning
 *       models require (they refuse {@code max_tokens}) and the others accept.
 *   <li>Azure OpenAI: {@code {base}/openai/deployments/{deployment}/chat/completions?api-version=...} with an
 *       {@code api-key} header; the model name a node gives is the deployment's name.
 *   <li>Mistral: like OpenAI, but it refuses {@code stream_options} (it always reports usage in the last chunk)
 *       and calls the seed {@code random_seed}.
 * </ul>
 */
public record OpenAiDialect(String name, boolean azure, String apiVersion, boolean streamOptions, String seedField, String maxTokensField) {

    public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

    public static final OpenAiDialect COMPATIBLE = new OpenAiDialect("openai-compatible", false, null, true, "seed", "max_tokens");
    public static final OpenAiDialect OPENAI = new OpenAiDialect("openai", false, null, true, "seed", "max_completion_tokens");
    public static final OpenAiDialect MISTRAL = new OpenAiDialect("mistral", false, null, false, "random_seed", "max_tokens");

    public static OpenAiDialect azure(String apiVersion) {
        return new OpenAiDialect("azure-openai", true,
                apiVersion == null || apiVersion.isBlank() ? DEFAULT_AZURE_API_VERSION : apiVersion.strip(), true, "seed", "max_tokens");
    }

    URI chatUri(OpenAiSettings settings, String model) {
        if (!azure) {
            return settings.chatCompletionsUri();
        }
        return URI.create(settings.baseUrl() + "/openai/deployments/" + URLEncoder.encode(model, StandardCharsets.UTF_8)
                + "/chat/completions?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
    }

    /** The header name and value that carry the key. */
    String[] authHeader(String apiKey) {
        return azure ? new String[] {"api-key", apiKey} : new String[] {"Authorization", "Bearer " + apiKey};
    }
}
