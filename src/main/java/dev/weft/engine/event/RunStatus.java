package dev.weft.engine.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** Run statuses as Dify names them. */
public enum RunStatus {
    RUNNING("running"),
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    STOPPED("stopped"),
    PARTIAL_SUCCEEDED("partial-succeeded");

    private final String value;

    RunStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
