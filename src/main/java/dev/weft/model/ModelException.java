package dev.weft.model;

import java.time.Duration;

/**
 * A model call failed. {@code status} is the upstream HTTP status when there was one, else 0;
 * {@code retryAfter} is the wait the upstream asked for (its {@code Retry-After} header) when it gave one, else null.
 */
public class ModelException extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    public ModelException(String message, int status) {
        this(message, status, null);
    }

    public ModelException(String message, int status, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.retryAfter = null;
    }

    public int status() {
        return status;
    }

    /** The wait the upstream asked for before a retry, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
