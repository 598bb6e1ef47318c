package dev.weft.model;

/**
 * A model's whole answer with the tokens it used. {@code cost} is what the call cost, set by the model
 * gateway from the catalogue ({@link CallCost#UNPRICED} when nothing priced it).
 */
public record ChatResponse(String text, TokenUsage usage, String finishReason, CallCost cost) {

    public ChatResponse {
        cost = cost == null ? CallCost.UNPRICED : cost;
    }

    public ChatResponse(String text, TokenUsage usage, String finishReason) {
        this(text, usage, finishReason, null);
    }

    public ChatResponse withUsageAndCost(TokenUsage newUsage, CallCost newCost) {
        return new ChatResponse(text, newUsage, finishReason, newCost);
    }
}
