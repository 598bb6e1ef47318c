package dev.weft.engine.node;

import com.fasterxml.jackson.annotation.JsonValue;

/** Node execution statuses as Dify names them. {@code exception}: failed, but handled by its error strategy. */
public enum NodeStatus {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    EXCEPTION("exception"),
    STOPPED("stopped");

    private final String value;

    NodeStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
