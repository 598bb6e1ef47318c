package dev.weft.knowledge.embed;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's embeddings wire format: the request {@code {"model": ..., "input": [...]}}, the reply
 * {@code {"data": [{"index": 0, "embedding": [...]}], "usage": {"prompt_tokens": ...}}} and error bodies
 * ({@code {"error": {"message": ...}}}, {@code {"error": "..."}}, {@code {"detail": ...}} or plain text).
 */
final class EmbeddingsWire {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ERROR_CHARS = 300;

    /** The vectors in input order (as sent, not normalised) and the prompt tokens the server counted (-1: none). */
    record Reply(List<float[]> vectors, long promptTokens) {}

    private EmbeddingsWire() {}

    static byte[] request(String model, List<String> inputs) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode input = body.putArray("input");
        inputs.forEach(input::add);
        return JSON.writeValueAsBytes(body);
    }

    /** Parses a 2xx reply to {@code expected} inputs; throws {@link EmbeddingException} naming what is wrong. */
    static Reply parse(String body, int expected, String target) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new EmbeddingException(target + " answered with something that is not JSON: " + abbreviate(body));
        }
        JsonNode data = root == null ? null : root.path("data");
        if (data == null || !data.isArray()) {
            if (root != null && root.has("error")) {
                throw new EmbeddingException(target + " reported an error: " + errorMessage(body));
            }
            throw new EmbeddingException(target + " answered without a data array: " + abbreviate(body));
        }
        if (data.size() != expected) {
            throw new EmbeddingException(target + " returned " + data.size() + " embeddings for " + expected + " inputs");
        }
        float[][] vectors = new float[expected][];
        int position = 0;
        for (JsonNode item : data) {
            int index = item.has("index") ? item.path("index").asInt(-1) : position;
            if (index < 0 || index >= expected || vectors[index] != null) {
                throw new EmbeddingException(target + " returned an embedding with the index " + item.path("index") + " for " + expected + " inputs");
            }
            JsonNode embedding = item.path("embedding");
            if (!embedding.isArray() || embedding.isEmpty()) {
                throw new EmbeddingException(target + " returned embedding " + index + " as " + embedding.getNodeType()
                        + ", not an array of numbers");
            }
            float[] v = new float[embedding.size()];
            for (int d = 0; d < v.length; d++) {
                JsonNode x = embedding.get(d);
                if (!x.isNumber()) {
                    throw new EmbeddingException(target + " returned a non-number in embedding " + index + ": " + x);
                }
                v[d] = x.floatValue();
            }
            vectors[index] = v;
            position++;
        }
        JsonNode usage = root.path("usage").path("prompt_tokens");
        return new Reply(List.of(vectors), usage.isNumber() ? usage.asLong() : -1);
    }

    /** The message of an error body, or the body itself (shortened) when it has none. */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root != null && root.isObject()) {
                JsonNode error = root.path("error");
                JsonNode detail = root.path("detail");
                for (JsonNode candidate : List.of(error.path("message"), error, root.path("message"), detail, detail.path(0).path("msg"))) {
                    if (candidate.isString() && !candidate.stringValue().isBlank()) {
                        return abbreviate(candidate.stringValue());
                    }
                }
            }
        } catch (JacksonException ignored) {
            // not JSON: show the text
        }
        return abbreviate(body);
    }

    private static String abbreviate(String text) {
        String s = text.strip();
        return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
