package dev.weft.engine.event;

import java.math.BigDecimal;

/**
 * Tokens a node spent, summed over its model calls, and what they cost in USD ({@code promptPrice} for the
 * prompt tokens, {@code completionPrice} for the completion tokens; zero when nothing priced them).
 */
public record TokenUsageSummary(long promptTokens, long completionTokens, long totalTokens,
        BigDecimal promptPrice, BigDecimal completionPrice) {

    public static final TokenUsageSummary NONE = new TokenUsageSummary(0, 0, 0);

    public static final String CURRENCY = "USD";

    public TokenUsageSummary {
        promptPrice = promptPrice == null ? BigDecimal.ZERO : promptPrice;
        completionPrice = completionPrice == null ? BigDecimal.ZERO : completionPrice;
    }

    public TokenUsageSummary(long promptTokens, long completionTokens, long totalTokens) {
        this(promptTokens, completionTokens, totalTokens, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    public BigDecimal totalPrice() {
        return promptPrice.add(completionPrice);
    }

    public TokenUsageSummary plus(TokenUsageSummary other) {
        return other == null ? this : new TokenUsageSummary(
                promptTokens + other.promptTokens, completionTokens + other.completionTokens, totalTokens + other.totalTokens,
                promptPrice.add(other.promptPrice), completionPrice.add(other.completionPrice));
    }
}
