package dev.weft.knowledge.embed;

/** Embedding failed (the model could not load, a provider refused the call); the message says why. */
public class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
