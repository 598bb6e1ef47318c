package dev.weft.knowledge.index;

/**
 * One candidate of a hybrid search with both of its scores, whichever list found it: {@code vectorScore} and
 * {@code textScore} are on the scales of {@link ChunkHit} (0 when the chunk shares no term with the query), and
 * the ranks are 1-based positions in the vector and full-text candidate lists, 0 when the chunk was not in that list.
 */
public record HybridHit(IndexedChunk chunk, double vectorScore, int vectorRank, double textScore, int textRank) {}
