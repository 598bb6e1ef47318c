package dev.weft.knowledge.dataset;

/** A document is about to be deleted: the indexing worker stops working on it first. */
public record DocumentDeleting(String documentId) {}
