package dev.weft.model;

import java.util.List;

/**
 * A model's whole answer with the tokens it used, and the tools it asked to call (empty when none). {@code cost} is
 * what the call cost, set by the model gateway from the catalogue ({@link CallCost#UNPRICED} when nothing priced it).
 */
public record ChatResponse(String text, TokenUsage usage, String finishReason, List<ToolCall> toolCalls, CallCost cost) {

    public ChatResponse {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        cost = cost == null ? CallCost.UNPRICED : cost;
    }

    public ChatResponse(String text, TokenUsage usage, String finishReason) {
        this(text, usage, finishReason, List.of(), CallCost.UNPRICED);
    }

    public ChatResponse(String text, TokenUsage usage, String finishReason, List<ToolCall> toolCalls) {
        this(text, usage, finishReason, toolCalls, CallCost.UNPRICED);
    }

    public ChatResponse(String text, TokenUsage usage, String finishReason, CallCost cost) {
        this(text, usage, finishReason, List.of(), cost);
    }

    public ChatResponse withUsageAndCost(TokenUsage newUsage, CallCost newCost) {
        return new ChatResponse(text, newUsage, finishReason, toolCalls, newCost);
    }
}
