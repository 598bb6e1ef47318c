package dev.weft.engine.event;

/** Tokens a node spent, summed over its model calls. */
public record TokenUsageSummary(long promptTokens, long completionTokens, long totalTokens) {

    public static final TokenUsageSummary NONE = new TokenUsageSummary(0, 0, 0);

    public TokenUsageSummary plus(TokenUsageSummary other) {
        return other == null ? this : new TokenUsageSummary(
                promptTokens + other.promptTokens, completionTokens + other.completionTokens, totalTokens + other.totalTokens);
    }
}
