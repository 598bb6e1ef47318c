package dev.weft.knowledge.index;

import java.util.Map;

/**
 * One searchable unit in a dataset's Lucene index. {@code chunkId} is unique and stable: writing a chunk again with
 * the same id replaces it, so a resumed indexing job never duplicates. In parent-child mode the unit is a child:
 * {@code parentId} and {@code parentContent} are what a hit returns. {@code metadata} values are strings; those
 * that parse as numbers or ISO dates/times are also indexed as numbers (epoch seconds for times) for range filters.
 */
public record IndexedChunk(
        String chunkId,
        String documentId,
        String documentName,
        int position,
        String content,
        String parentId,
        String parentContent,
        Map<String, String> metadata,
        float[] vector,
        boolean enabled) {

    public IndexedChunk {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
