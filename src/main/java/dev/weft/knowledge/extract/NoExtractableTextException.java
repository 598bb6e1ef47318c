package dev.weft.knowledge.extract;

/**
 * A document was read without error but holds no text (a scanned page, pictures only, an empty sheet). Callers that
 * accept empty text, such as the document-extractor node, catch this one; datasets fail the document with the reason.
 */
public class NoExtractableTextException extends ExtractionException {

    public NoExtractableTextException(String message) {
        super(message);
    }
}
