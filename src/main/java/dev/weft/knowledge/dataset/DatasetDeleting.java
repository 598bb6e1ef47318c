package dev.weft.knowledge.dataset;

/** A dataset is about to be deleted: indexing of its documents must stop first. */
public record DatasetDeleting(String datasetId) {}
