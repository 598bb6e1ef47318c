package dev.weft.knowledge.retrieve;

import java.util.Map;

/**
 * One retrieval hit, shaped for Dify's {@code retriever_resources}: for a child hit in parent-child mode,
 * {@code content} is the parent's text and {@code chunkId} the child's. {@code score} is 0..1 (higher is better).
 */
public record RetrievedChunk(
        String datasetId,
        String datasetName,
        String documentId,
        String documentName,
        String chunkId,
        int position,
        String content,
        double score,
        Map<String, String> metadata) {

    public RetrievedChunk {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
