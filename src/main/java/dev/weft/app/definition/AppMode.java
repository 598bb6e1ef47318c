package dev.weft.app.definition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The four kinds of app Weft runs, named as in Dify's {@code App.mode}. */
public enum AppMode {
    CHAT("chat"),
    COMPLETION("completion"),
    WORKFLOW("workflow"),
    ADVANCED_CHAT("advanced-chat");

    private final String value;

    AppMode(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** Chat-family apps keep a conversation and answer through Answer nodes. */
    public boolean isChat() {
        return this == CHAT || this == ADVANCED_CHAT;
    }

    @JsonCreator
    public static AppMode of(String value) {
        return Arrays.stream(values())
                .filter(m -> m.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown app mode '" + value + "'; expected one of chat, completion, workflow, advanced-chat"));
    }
}
