package dev.weft.api.dataset;

import dev.weft.knowledge.retrieve.MetadataCondition;
import dev.weft.knowledge.retrieve.MetadataFilter;
import dev.weft.knowledge.retrieve.RetrievalMethod;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Dify's {@code retrieval_model} object and Weft's {@link RetrievalSettings}, both ways. {@code keyword_search}
 * (Dify's economy inverted index) runs as Weft's full-text search; {@code reranking_mode: weighted_score} with
 * {@code weights} sets the hybrid fusion weights, a {@code reranking_model} with {@code reranking_enable} the rerank
 * model.
 */
final class DifyRetrievalModel {

    private DifyRetrievalModel() {}

    /** Settings from a request's {@code retrieval_model}, fields left out taken from {@code base}. */
    static RetrievalSettings read(JsonNode model, RetrievalSettings base) {
        if (model == null || model.isNull() || model.isMissingNode()) {
            return base;
        }
        if (!model.isObject()) {
            throw new IllegalArgumentException("retrieval_model must be an object");
        }
        RetrievalMethod method = base.method();
        String searchMethod = text(model, "search_method");
        if (searchMethod != null) {
            method = switch (searchMethod) {
                case "semantic_search" -> RetrievalMethod.SEMANTIC_SEARCH;
                case "full_text_search", "keyword_search" -> RetrievalMethod.FULL_TEXT_SEARCH;
                case "hybrid_search" -> RetrievalMethod.HYBRID_SEARCH;
                default -> throw new IllegalArgumentException("retrieval_model.search_method must be one of semantic_search, "
                        + "full_text_search, hybrid_search, keyword_search; got '" + searchMethod + "'");
            };
        }
        int topK = base.topK();
        if (model.hasNonNull("top_k")) {
            if (!model.get("top_k").canConvertToInt() || model.get("top_k").asInt() < 1) {
                throw new IllegalArgumentException("retrieval_model.top_k must be a whole number of at least 1");
            }
            topK = model.get("top_k").asInt();
        }
        Double threshold = base.scoreThreshold();
        if (model.has("score_threshold_enabled")) {
            boolean enabled = model.get("score_threshold_enabled").asBoolean(false);
            if (!enabled) {
                threshold = null;
            } else {
                if (!model.hasNonNull("score_threshold") || !model.get("score_threshold").isNumber()) {
                    throw new IllegalArgumentException("retrieval_model.score_threshold must be a number between 0 and 1 "
                            + "when score_threshold_enabled is true");
                }
                threshold = model.get("score_threshold").asDouble();
            }
        }
        RetrievalSettings.Fusion fusion = base.fusion();
        double vectorWeight = base.vectorWeight();
        double keywordWeight = base.keywordWeight();
        JsonNode weights = model.get("weights");
        if (weights != null && weights.isObject()) {
            JsonNode vector = weights.path("vector_setting").path("vector_weight");
            JsonNode keyword = weights.path("keyword_setting").path("keyword_weight");
            if (vector.isNumber() && keyword.isNumber()) {
                vectorWeight = vector.asDouble();
                keywordWeight = keyword.asDouble();
                fusion = RetrievalSettings.Fusion.WEIGHTED_SCORE;
            }
        }
        RetrievalSettings.RerankModelRef rerank = base.rerank();
        if (model.has("reranking_enable")) {
            boolean enabled = model.get("reranking_enable").asBoolean(false)
                    && !"weighted_score".equals(text(model, "reranking_mode"));
            if (!enabled) {
                rerank = null;
            } else {
                JsonNode ref = model.path("reranking_model");
                String provider = text(ref, "reranking_provider_name");
                String name = text(ref, "reranking_model_name");
                if (provider == null || name == null) {
                    throw new IllegalArgumentException("retrieval_model.reranking_model needs reranking_provider_name and "
                            + "reranking_model_name when reranking_enable is true");
                }
                rerank = new RetrievalSettings.RerankModelRef(provider, name);
            }
        }
        MetadataFilter filter = base.filter();
        JsonNode conditions = model.get("metadata_filtering_conditions");
        if (conditions != null && conditions.isObject()) {
            filter = readFilter(conditions);
        }
        return new RetrievalSettings(method, topK, threshold, fusion, vectorWeight, keywordWeight, base.rrfK(), rerank,
                filter);
    }

    static MetadataFilter readFilter(JsonNode node) {
        List<MetadataCondition> list = new ArrayList<>();
        for (JsonNode c : node.path("conditions")) {
            String name = text(c, "name");
            String operator = text(c, "comparison_operator");
            if (name == null || operator == null) {
                throw new IllegalArgumentException("each of retrieval_model.metadata_filtering_conditions.conditions needs "
                        + "name and comparison_operator");
            }
            JsonNode value = c.get("value");
            String text;
            if (value == null || value.isNull()) {
                text = null;
            } else if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                value.forEach(v -> parts.add(v.asString()));
                text = String.join(",", parts);
            } else {
                text = value.asString();
            }
            list.add(new MetadataCondition(name, operator, text));
        }
        return new MetadataFilter(text(node, "logical_operator"), list);
    }

    /** Dify's {@code retrieval_model_dict} of a dataset. */
    static Map<String, Object> write(RetrievalSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("search_method", switch (s.method()) {
            case SEMANTIC_SEARCH -> "semantic_search";
            case FULL_TEXT_SEARCH -> "full_text_search";
            case HYBRID_SEARCH -> "hybrid_search";
        });
        m.put("reranking_enable", s.rerank() != null);
        m.put("reranking_mode", s.rerank() != null ? "reranking_model" : "weighted_score");
        Map<String, Object> rerank = new LinkedHashMap<>();
        rerank.put("reranking_provider_name", s.rerank() == null ? "" : s.rerank().providerId());
        rerank.put("reranking_model_name", s.rerank() == null ? "" : s.rerank().model());
        m.put("reranking_model", rerank);
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("weight_type", "customized");
        weights.put("vector_setting", Map.of("vector_weight", s.vectorWeight()));
        weights.put("keyword_setting", Map.of("keyword_weight", s.keywordWeight()));
        m.put("weights", weights);
        m.put("top_k", s.topK());
        m.put("score_threshold_enabled", s.scoreThreshold() != null);
        m.put("score_threshold", s.scoreThreshold() == null ? 0.0 : s.scoreThreshold());
        return m;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asString();
    }
}
