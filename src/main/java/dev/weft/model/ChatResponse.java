package dev.weft.model;

import java.util.List;

/** A model's whole answer with the tokens it used, and the tools it asked to call (empty when none). */
public record ChatResponse(String text, TokenUsage usage, String finishReason, List<ToolCall> toolCalls) {

    public ChatResponse {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatResponse(String text, TokenUsage usage, String finishReason) {
        this(text, usage, finishReason, List.of());
    }
}
