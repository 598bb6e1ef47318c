package dev.weft.knowledge.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.similarities.Similarity;

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

    /**
     * The writer configuration: the HNSW format with these parameters for the vector field, the RAM buffer, a tiered
     * merge policy with fewer segments per tier than Lucene's default (each segment is one more graph to search),
     * and no commit on close, so that closing without {@code commit()} drops changes as a crash would.
     */
    IndexWriterConfig writerConfig(Analyzer analyzer, Similarity similarity) {
        KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(hnswM, hnswBeamWidth);
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setSegmentsPerTier(8);
        merges.setFloorSegmentMB(32);
        return new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false)
                .setSimilarity(similarity)
                .setRAMBufferSizeMB(ramBufferMb)
                .setMergePolicy(merges)
                .setCodec(new Lucene104Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return vectors;
                    }
                });
    }
}
