package dev.weft.knowledge.dataset;

/** The document is being indexed and cannot be changed now (Dify's {@code document_indexing}). */
public class DocumentBusyException extends IllegalArgumentException {

    public DocumentBusyException(String message) {
        super(message);
    }
}
