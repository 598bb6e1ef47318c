package dev.weft.model.openai;

import dev.weft.model.ChatModel;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.http.JsonCalls;
import dev.weft.model.http.LineExchange;
import dev.weft.model.http.UpstreamErrors;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat model behind an OpenAI-compatible {@code POST {base}/chat/completions} endpoint: OpenAI itself,
 * Azure OpenAI and Mistral (see {@link OpenAiDialect}), Groq, DeepSeek, OpenRouter, Together, vLLM, LM Studio,
 * llama.cpp's server and the like. Blocking calls read {@code choices[0].message}; streaming calls ask for
 * {@code stream: true} and hand each delta to the callback as its SSE line arrives. Tools go as
 * {@code tools: [{type: function, function}]} and the model's {@code tool_calls} come back in the response.
 *
 * <p>Failures become {@link ModelException}s naming the server and, for non-2xx replies, the HTTP status, the
 * {@code Retry-After} wait and the upstream {@code error.message}. When the calling thread is interrupted the
 * exchange is cancelled (the connection dropped) and a {@link CancellationException} is thrown with the interrupt
 * flag set again.
 */
public final class OpenAiCompatibleChatModel implements ChatModel {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiSettings settings;
    private final HttpClient client;
    private final OpenAiDialect dialect;

    public OpenAiCompatibleChatModel(OpenAiSettings settings) {
        this(settings, newClient(settings));
    }

    /** Shares {@code client} (which must speak HTTP/1.1 or allow it) with other models. */
    public OpenAiCompatibleChatModel(OpenAiSettings settings, HttpClient client) {
        this(settings, client, OpenAiDialect.COMPATIBLE);
    }

    public OpenAiCompatibleChatModel(OpenAiSettings settings, HttpClient client, OpenAiDialect dialect) {
        this.settings = settings;
        this.client = client;
        this.dialect = dialect;
    }

    /** An HTTP/1.1 client with the settings' connect timeout. */
    public static HttpClient newClient(OpenAiSettings settings) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public OpenAiSettings settings() {
        return settings;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Consumer<String> onToken) throws ModelException {
        String model = settings.modelFor(request);
        boolean stream = onToken != null;
        String target = settings.baseUrl() + " (" + (dialect.azure() ? "deployment " : "model ") + model + ")";
        HttpRequest http = httpRequest(ChatCompletionsPayload.build(JSON, request, model, stream, dialect), stream, model);
        try (LineExchange exchange = LineExchange.open(client, http, target, settings.connectTimeout(),
                settings.responseTimeout(), settings.idleTimeout())) {
            if (stream) {
                return new SseCompletionReader(JSON, target).read(exchange, settings.idleTimeout(), onToken, request.messages());
            }
            return CompletionReplies.parseCompletion(JSON, exchange.readAll(settings.idleTimeout()), target, request.messages());
        } catch (InterruptedException e) {
            throw UpstreamErrors.interrupted(target, e);
        }
    }

    private HttpRequest httpRequest(String body, boolean stream, String model) {
        HttpRequest.Builder builder = JsonCalls.post(dialect.chatUri(settings, model), settings.responseTimeout(),
                JsonCalls.accept(stream), body);
        if (settings.apiKey() != null) {
            String[] auth = dialect.authHeader(settings.apiKey());
            builder.header(auth[0], auth[1]);
        }
        return builder.build();
    }
}
