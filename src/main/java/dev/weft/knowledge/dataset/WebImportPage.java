package dev.weft.knowledge.dataset;

/** A document a web import made of a page: its id, the page's URL and the document's status. */
public record WebImportPage(String documentId, String url, DocumentStatus status) {}
