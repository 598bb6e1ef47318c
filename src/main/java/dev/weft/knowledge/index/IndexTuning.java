package dev.weft.knowledge.index;

import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * Index build parameters. {@code similarity} is {@code DOT_PRODUCT} or {@code COSINE} (vectors are L2-normalised
 * before indexing either way, so both rank alike); {@code hnswM} and {@code hnswBeamWidth} are the HNSW graph's
 * maximum connections per node and construction beam; {@code ramBufferMb} is how much the writer buffers before
 * it flushes a segment. {@link #DEFAULT} holds the values chosen by measurement ({@code RetrievalLatencyBench}).
 */
public record IndexTuning(VectorSimilarityFunction similarity, int hnswM, int hnswBeamWidth, double ramBufferMb) {

    public static final IndexTuning DEFAULT = new IndexTuning(VectorSimilarityFunction.DOT_PRODUCT, 16, 100, 256);

    public IndexTuning {
        if (similarity != VectorSimilarityFunction.DOT_PRODUCT && similarity != VectorSimilarityFunction.COSINE) {
            throw new IllegalArgumentException("similarity must be DOT_PRODUCT or COSINE, got " + similarity);
        }
        if (hnswM < 2 || hnswM > 512) {
            throw new IllegalArgumentException("hnswM must be between 2 and 512, got " + hnswM);
        }
        if (hnswBeamWidth < 1 || hnswBeamWidth > 3200) {
            throw new IllegalArgumentException("hnswBeamWidth must be between 1 and 3200, got " + hnswBeamWidth);
        }
        if (ramBufferMb < 1) {
            throw new IllegalArgumentException("ramBufferMb must be at least 1, got " + ramBufferMb);
        }
    }
}
