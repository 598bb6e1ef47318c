package dev.weft.model.gateway;

/** A gateway policy that cannot be used; {@link #field()} is the path of the wrong field, e.g. {@code model.gateway.retry.max_retries}. */
public class GatewayPolicyException extends IllegalArgumentException {

    private final String field;

    public GatewayPolicyException(String field, String message) {
        super("gateway policy field " + field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
