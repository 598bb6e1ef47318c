package dev.weft.knowledge.dataset;

/** Documents of a dataset entered the indexing queue; the indexing worker wakes up. */
public record IndexingQueued(String datasetId) {}
