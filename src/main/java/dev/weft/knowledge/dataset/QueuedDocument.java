package dev.weft.knowledge.dataset;

/** A document in the indexing queue: what the dispatcher needs to hand it to a worker. */
public record QueuedDocument(String documentId, String datasetId) {}
