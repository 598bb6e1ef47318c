package dev.weft.knowledge.embed;

import dev.weft.knowledge.chunk.TokenCounter;
import dev.weft.model.openai.OpenAiSettings;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundRequest;
import dev.weft.security.OutboundResponse;
import dev.weft.security.RefusedAddressException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An embedding model behind an OpenAI-compatible {@code POST {baseUrl}/embeddings} endpoint (OpenAI, Mistral, vLLM,
 * llama.cpp's server, LM Studio, ...), Azure OpenAI's deployment endpoint or Ollama's native {@code /api/embed}
 * (see {@link EmbeddingEndpoint}), called through {@link GuardedHttpClient}: a server on this machine or a
 * private network needs {@code weft.security.outbound.allow}.
 *
 * <ul>
 *   <li>Texts go in calls of at most {@value #MAX_INPUTS_PER_CALL} inputs and about {@value #MAX_CHARS_PER_CALL}
 *       characters, one call after another. Vectors are L2-normalised here, whatever the server returns.
 *   <li>The dimensions are learned from the first reply; {@link #dimensions()} makes a one-text call when asked
 *       before any.
 *   <li>Token counts are estimated, one token per four characters (the remote tokenizer is not available here);
 *       {@link #maxTokens()} is OpenAI's input limit, 8191.
 *   <li>HTTP 429, 500, 502, 503 and 504 are retried twice (after {@code Retry-After}, at most 20 s, or 1 s and 4 s).
 *       Other failures throw {@link EmbeddingException} with the server's own error message. An empty text is sent
 *       as one space, since OpenAI refuses empty inputs.
 * </ul>
 */
public final class OpenAiCompatibleEmbeddingModel implements EmbeddingModel {

    static final int MAX_INPUTS_PER_CALL = 256;
    static final int MAX_CHARS_PER_CALL = 400_000;
    static final int MAX_TOKENS = 8191;
    private static final long MAX_RESPONSE_BYTES = 128L * 1024 * 1024;
    private static final int ATTEMPTS = 3;
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(20);

    private final String id;
    private final OpenAiSettings settings;
    private final EmbeddingEndpoint endpoint;
    private final GuardedHttpClient http;
    private final String target;
    private final AtomicInteger dimensions = new AtomicInteger();
    private final LongAdder promptTokens = new LongAdder();

    /** {@code settings.model()} is the model name sent upstream; {@code id} is the id datasets store. */
    public OpenAiCompatibleEmbeddingModel(String id, OpenAiSettings settings, GuardedHttpClient http) {
        this(id, EmbeddingEndpoint.openAi(settings), http);
    }

    public OpenAiCompatibleEmbeddingModel(String id, EmbeddingEndpoint endpoint, GuardedHttpClient http) {
        if (endpoint.settings().model() == null) {
            throw new IllegalArgumentException("an embedding model of " + endpoint.settings().baseUrl() + " needs a model name");
        }
        this.id = id;
        this.settings = endpoint.settings();
        this.endpoint = endpoint;
        this.http = http;
        this.target = endpoint.describe();
    }

    @Override
    public String id() {
        return id;
    }

    /** The vector length the server returns, learned from the first call (made now when there was none). */
    @Override
    public int dimensions() {
        if (dimensions.get() == 0) {
            embedDocuments(List.of("dimensions"));
        }
        return dimensions.get();
    }

    @Override
    public int maxTokens() {
        return MAX_TOKENS;
    }

    /** An estimate: one token per four characters, rounded up. */
    @Override
    public TokenCounter tokenCounter() {
        return text -> text == null ? 0 : (text.length() + 3) / 4;
    }

    /** The prompt tokens the server reported for all calls so far. */
    public long promptTokensUsed() {
        return promptTokens.sum();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        int start = 0;
        while (start < texts.size()) {
            int end = start;
            long chars = 0;
            while (end < texts.size() && end - start < MAX_INPUTS_PER_CALL) {
                String text = texts.get(end);
                if (text == null) {
                    throw new IllegalArgumentException("text " + end + " of " + texts.size() + " is null");
                }
                if (end > start && chars + text.length() > MAX_CHARS_PER_CALL) {
                    break;
                }
                chars += text.length();
                end++;
            }
            vectors.addAll(call(texts.subList(start, end)));
            start = end;
        }
        return vectors;
    }

    @Override
    public float[] embedQuery(String query) {
        if (query == null) {
            throw new IllegalArgumentException("the query is null");
        }
        return call(List.of(query)).getFirst();
    }

    private List<float[]> call(List<String> inputs) {
        List<String> sent = inputs.stream().map(t -> t.isEmpty() ? " " : t).toList();
        byte[] body = endpoint.request(sent);
        for (int attempt = 1; ; attempt++) {
            OutboundResponse response = send(body);
            int status = response.statusCode();
            if (status >= 200 && status <= 299) {
                return accept(endpoint.parse(response.text(), inputs.size(), target));
            }
            boolean retryable = status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
            if (!retryable || attempt == ATTEMPTS) {
                throw new EmbeddingException(target + " returned HTTP " + status + ": " + EmbeddingsWire.errorMessage(response.text())
                        + (retryable ? " (after " + ATTEMPTS + " attempts)" : ""));
            }
            pause(retryWait(response, attempt));
        }
    }

    private List<float[]> accept(EmbeddingsWire.Reply reply) {
        int width = reply.vectors().getFirst().length;
        for (float[] v : reply.vectors()) {
            if (v.length != width) {
                throw new EmbeddingException(target + " returned vectors of different lengths: " + width + " and " + v.length);
            }
        }
        if (!dimensions.compareAndSet(0, width) && dimensions.get() != width) {
            throw new EmbeddingException(target + " returned vectors of " + width + " dimensions, earlier ones had "
                    + dimensions.get() + "; did the model behind the endpoint change?");
        }
        if (reply.promptTokens() > 0) {
            promptTokens.add(reply.promptTokens());
        }
        reply.vectors().forEach(Vectors::normalize);
        return reply.vectors();
    }

    private OutboundResponse send(byte[] body) {
        Map<String, String> headers = endpoint.headers();
        OutboundRequest request = new OutboundRequest("POST", endpoint.uri(), headers,
                HttpRequest.BodyPublishers.ofByteArray(body), settings.connectTimeout(), settings.responseTimeout(),
                MAX_RESPONSE_BYTES, true);
        try {
            return http.send(request);
        } catch (RefusedAddressException e) {
            throw new EmbeddingException("cannot call " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EmbeddingException("the call to " + target + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static Duration retryWait(OutboundResponse response, int attempt) {
        Duration fallback = Duration.ofSeconds(attempt == 1 ? 1 : 4);
        return response.header("retry-after").map(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return Duration.ofSeconds(Math.max(0, seconds));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).map(d -> d.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : d).orElse(fallback);
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private CancellationException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        CancellationException stopped = new CancellationException("the call to " + target + " was interrupted");
        stopped.initCause(e);
        return stopped;
    }

    @Override
    public String toString() {
        return id + " at " + target;
    }
}
