package dev.weft.knowledge.embed;

import dev.weft.model.openai.OpenAiSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a provider serves embeddings and in which wire format:
 * <ul>
 *   <li>{@link Format#OPENAI}: {@code POST {base}/embeddings}, bearer key (OpenAI, Mistral, vLLM, LM Studio, ...);
 *   <li>{@link Format#AZURE}: {@code POST {base}/openai/deployments/{model}/embeddings?api-version=...}, {@code api-key} header;
 *   <li>{@link Format#OLLAMA}: Ollama's native {@code POST {base}/api/embed} with {@code {"model", "input": [...]}},
 *       answered by {@code {"embeddings": [[...]], "prompt_eval_count"}}.
 * </ul>
 */
public record EmbeddingEndpoint(Format format, OpenAiSettings settings, String apiVersion) {

    public enum Format { OPENAI, AZURE, OLLAMA }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static EmbeddingEndpoint openAi(OpenAiSettings settings) {
        return new EmbeddingEndpoint(Format.OPENAI, settings, null);
    }

    URI uri() {
        return switch (format) {
            case OPENAI -> URI.create(settings.baseUrl() + "/embeddings");
            case AZURE -> URI.create(settings.baseUrl() + "/openai/deployments/" + URLEncoder.encode(settings.model(), StandardCharsets.UTF_8)
                    + "/embeddings?api-version=" + URLEncoder.encode(apiVersion, StandardCharsets.UTF_8));
            case OLLAMA -> URI.create(ollamaBase() + "/api/embed");
        };
    }

    private String ollamaBase() {
        String base = settings.baseUrl();
        return base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
    }

    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (settings.apiKey() != null) {
            if (format == Format.AZURE) {
                headers.put("api-key", settings.apiKey());
            } else {
                headers.put("Authorization", "Bearer " + settings.apiKey());
            }
        }
        return headers;
    }

    byte[] request(List<String> inputs) {
        return EmbeddingsWire.request(settings.model(), inputs);
    }

    EmbeddingsWire.Reply parse(String body, int expected, String target) {
        if (format != Format.OLLAMA) {
            return EmbeddingsWire.parse(body, expected, target);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new EmbeddingException(target + " answered with something that is not JSON");
        }
        JsonNode embeddings = root == null ? null : root.path("embeddings");
        if (embeddings == null || !embeddings.isArray()) {
            throw new EmbeddingException(target + " answered without an embeddings array: " + EmbeddingsWire.errorMessage(body));
        }
        // the same checks as OpenAI's format: rewrite as {"data": [...]} and let its parser read it
        ObjectNode asOpenAi = JSON.createObjectNode();
        ArrayNode data = asOpenAi.putArray("data");
        int i = 0;
        for (JsonNode e : embeddings) {
            data.addObject().put("index", i++).set("embedding", e);
        }
        if (root.path("prompt_eval_count").isNumber()) {
            asOpenAi.putObject("usage").put("prompt_tokens", root.path("prompt_eval_count").asLong());
        }
        return EmbeddingsWire.parse(JSON.writeValueAsString(asOpenAi), expected, target);
    }

    String describe() {
        return uri().toString().replaceAll("\\?.*$", "") + " (model " + settings.model() + ")";
    }

    static List<String> noEmpty(List<String> inputs) {
        List<String> out = new ArrayList<>(inputs.size());
        inputs.forEach(t -> out.add(t.isEmpty() ? " " : t));
        return out;
    }
}
