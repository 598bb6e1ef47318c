package dev.weft.knowledge.retrieve;

/**
 * How to search. Hybrid search fuses the semantic and full-text rankings either by weighted scores
 * ({@code vectorWeight}, {@code keywordWeight}, summing to 1) or by reciprocal rank fusion ({@code rrfK}).
 * {@code scoreThreshold} (0..1, null for none) drops hits below it after fusion/rerank. {@code rerank} is null or
 * names a provider-backed rerank model, applied to the fused candidates. Left out in JSON: top_k 4, weights 0.7/0.3,
 * rrf_k 60.
 */
public record RetrievalSettings(
        RetrievalMethod method,
        int topK,
        Double scoreThreshold,
        Fusion fusion,
        double vectorWeight,
        double keywordWeight,
        int rrfK,
        RerankModelRef rerank,
        MetadataFilter filter) {

    public enum Fusion { WEIGHTED_SCORE, RECIPROCAL_RANK }

    /** A rerank model: the model provider's id and the model name. */
    public record RerankModelRef(String providerId, String model) {}

    public static final RetrievalSettings DEFAULT = new RetrievalSettings(
            RetrievalMethod.HYBRID_SEARCH, 4, null, Fusion.WEIGHTED_SCORE, 0.7, 0.3, 60, null, MetadataFilter.NONE);

    public RetrievalSettings {
        method = method == null ? RetrievalMethod.HYBRID_SEARCH : method;
        fusion = fusion == null ? Fusion.WEIGHTED_SCORE : fusion;
        filter = filter == null ? MetadataFilter.NONE : filter;
        topK = topK == 0 ? 4 : topK;
        if (vectorWeight == 0 && keywordWeight == 0) {
            vectorWeight = 0.7;
            keywordWeight = 0.3;
        }
        if (topK < 1) {
            throw new IllegalArgumentException("top_k must be at least 1");
        }
        if (rrfK < 1) {
            rrfK = 60;
        }
    }

    /** The same settings with another metadata filter. */
    public RetrievalSettings withFilter(MetadataFilter other) {
        return new RetrievalSettings(method, topK, scoreThreshold, fusion, vectorWeight, keywordWeight, rrfK, rerank, other);
    }
}
