package dev.weft.knowledge.retrieve;

import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.retrieve.DatasetCatalog.DatasetInfo;

/**
 * A chunk some dataset returned, with the scores it got (0..1) and its 1-based ranks in the merged vector and
 * full-text lists (0: not in that list), and the fused {@code score}.
 */
record Candidate(DatasetInfo dataset, IndexedChunk chunk, double vectorScore, int vectorRank, double textScore, int textRank,
        double score) {

    Candidate withRanks(int vector, int text) {
        return new Candidate(dataset, chunk, vectorScore, vector, textScore, text, score);
    }

    Candidate withScore(double fused) {
        return new Candidate(dataset, chunk, vectorScore, vectorRank, textScore, textRank, fused);
    }
}
