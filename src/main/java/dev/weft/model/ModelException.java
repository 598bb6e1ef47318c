package dev.weft.model;

/** A model call failed; {@code status} is the upstream HTTP status when there was one, else 0. */
public class ModelException extends RuntimeException {

    private final int status;

    public ModelException(String message, int status) {
        super(message);
        this.status = status;
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    public int status() {
        return status;
    }
}
