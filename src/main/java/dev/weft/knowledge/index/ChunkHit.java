package dev.weft.knowledge.index;

/**
 * One search hit: the stored chunk (its {@code vector} is null: hits do not load vectors) and a score in 0..1,
 * higher is better. Vector search scores are the cosine similarity clamped at 0; full-text scores are the BM25
 * score divided by the most the query could score (see {@link DatasetIndex#searchText}).
 */
public record ChunkHit(IndexedChunk chunk, double score) {}
