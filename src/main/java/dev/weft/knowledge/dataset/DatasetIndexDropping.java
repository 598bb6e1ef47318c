package dev.weft.knowledge.dataset;

/**
 * A dataset's index is about to be dropped, because the dataset is deleted or re-indexed with another model or other
 * chunk settings: work on its documents stops first and its uncommitted writes are forgotten. Published synchronously.
 */
public record DatasetIndexDropping(String datasetId) {}
