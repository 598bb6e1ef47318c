package dev.weft.knowledge.dataset;

/** No dataset, document or chunk with that id, or the caller may not see it. */
public class DatasetNotFoundException extends RuntimeException {

    public DatasetNotFoundException(String message) {
        super(message);
    }
}
