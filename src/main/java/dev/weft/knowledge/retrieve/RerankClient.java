package dev.weft.knowledge.retrieve;

import dev.weft.knowledge.retrieve.RetrievalSettings.RerankModelRef;
import dev.weft.model.ModelException;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundRequest;
import dev.weft.security.OutboundResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls a rerank model the way Cohere, Jina, Voyage, Xinference and text-embeddings-inference serve one:
 * {@code POST {baseUrl}/rerank} with {@code {"model", "query", "documents": [...], "top_n"}}, answered by
 * {@code {"results": [{"index", "relevance_score"}, ...]}}. Goes through {@link GuardedHttpClient}, so a provider on a
 * private address must be allowed by {@code weft.security.outbound.allow}. Scores outside 0..1 (raw logits, which
 * some self-hosted servers return) are mapped into it with the logistic function.
 */
@Component
public class RerankClient {

    /** One reranked document: its index in the request's list and its relevance, 0..1. */
    public record Ranked(int index, double score) {}

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final long MAX_RESPONSE_BYTES = 16L << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GuardedHttpClient http;
    private final RerankEndpoints endpoints;

    public RerankClient(GuardedHttpClient http, RerankEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    /** The documents most relevant to the query, best first, at most {@code topN}. Throws {@link ModelException}. */
    public List<Ranked> rerank(RerankModelRef model, String query, List<String> documents, int topN) {
        if (documents.isEmpty()) {
            return List.of();
        }
        RerankEndpoint endpoint = endpoints.find(model);
        String what = "the rerank model '" + model.model() + "' of '" + endpoint.providerName() + "'";
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model.model());
        body.put("query", query);
        body.putArray("documents").addAll(documents.stream().map(d -> (JsonNode) JSON.getNodeFactory().stringNode(d)).toList());
        body.put("top_n", Math.min(topN, documents.size()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        if (endpoint.apiKey() != null) {
            headers.put("Authorization", "Bearer " + endpoint.apiKey());
        }
        OutboundResponse response;
        try {
            response = http.send(new OutboundRequest("POST", URI.create(endpoint.baseUrl() + "/rerank"), headers,
                    HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)), CONNECT_TIMEOUT, READ_TIMEOUT,
                    MAX_RESPONSE_BYTES, true));
        } catch (IOException e) {
            throw new ModelException(what + " could not be reached at " + endpoint.baseUrl() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException(what + " was interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ModelException(what + " answered HTTP " + response.statusCode() + ": " + snippet(response.text()), response.statusCode());
        }
        return parse(what, response.text(), documents.size(), topN);
    }

    static List<Ranked> parse(String what, String text, int documents, int topN) {
        JsonNode results;
        try {
            results = JSON.readTree(text).path("results");
        } catch (JacksonException e) {
            throw new ModelException(what + " answered something that is not JSON: " + snippet(text), 0);
        }
        if (!results.isArray()) {
            throw new ModelException(what + " answered without a \"results\" list: " + snippet(text), 0);
        }
        List<Ranked> ranked = new ArrayList<>();
        for (JsonNode r : results) {
            JsonNode index = r.path("index");
            JsonNode score = r.has("relevance_score") ? r.path("relevance_score") : r.path("score");
            if (!index.isIntegralNumber() || index.asInt() < 0 || index.asInt() >= documents || !score.isNumber()) {
                throw new ModelException(what + " answered a result without a valid index (0.." + (documents - 1)
                        + ") and relevance_score: " + snippet(r.toString()), 0);
            }
            double s = score.asDouble();
            ranked.add(new Ranked(index.asInt(), s >= 0 && s <= 1 ? s : 1 / (1 + Math.exp(-s))));
        }
        ranked.sort((a, b) -> Double.compare(b.score(), a.score()));
        return ranked.size() > topN ? List.copyOf(ranked.subList(0, topN)) : List.copyOf(ranked);
    }

    private static String snippet(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
