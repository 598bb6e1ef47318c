package dev.weft.engine.node;

/** A node failed for a reason a person can act on. {@code type} is a short code such as {@code HttpRequestError}. */
public class NodeExecutionException extends RuntimeException {

    private final String type;

    public NodeExecutionException(String type, String message) {
        super(message);
        this.type = type;
    }

    public NodeExecutionException(String type, String message, Throwable cause) {
        super(message, cause);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
