package dev.weft.model.http;

import dev.weft.model.ModelException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider call's JSON over HTTP, the same for every native API (Anthropic, Gemini, Ollama): the POST that sends the
 * JSON body and says what it accepts back, and a reply (or one streamed event) read as a JSON object.
 */
public final class JsonCalls {

    private JsonCalls() {}

    /** A POST of {@code json} to {@code uri} that waits {@code timeout} for the response and accepts {@code accept}; add the key's header. */
    public static HttpRequest.Builder post(URI uri, Duration timeout, String accept, String json) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }

    /** {@code text/event-stream} when streaming, else {@code application/json}. */
    public static String accept(boolean stream) {
        return stream ? "text/event-stream" : "application/json";
    }

    /**
     * {@code body} as a JSON object; a {@link ModelException} naming {@code target} when it is not JSON or not an object.
     * Whether the object reports an error is the caller's to check.
     */
    public static JsonNode object(JsonMapper json, String body, String target) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new ModelException(target + " replied with invalid JSON: " + UpstreamErrors.abbreviate(body), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException(target + " replied with something other than a JSON object: " + UpstreamErrors.abbreviate(body), 0);
        }
        return root;
    }
}
