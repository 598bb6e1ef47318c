package dev.weft.knowledge.chunk;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts tokens of spans of one text through a {@link TokenCounter}, the way the splitter adds them up: what a
 * counter adds to every text (special tokens) is counted once per chunk, not once per piece, and the separators
 * between pieces (mostly the same few strings) are counted once each. Also learns the text's characters per token,
 * so spans obviously too long need not be counted at all.
 */
final class TokenTally {

    private final String text;
    private final TokenCounter counter;
    private final int overhead;
    private final Map<String, Integer> gaps = new HashMap<>();
    private long countedChars;
    private long countedTokens;
    private int calls;

    TokenTally(String text, TokenCounter counter) {
        this.text = text;
        this.counter = counter;
        this.overhead = Math.max(0, counter.count(""));
    }

    /** What the counter gives for any text before its content (0 for most). */
    int overhead() {
        return overhead;
    }

    /** The tokens of {@code [start, end)}, without the overhead. */
    int span(int start, int end) {
        int tokens = Math.max(0, counter.count(text.substring(start, end)) - overhead);
        calls++;
        countedChars += end - start;
        countedTokens += tokens;
        return tokens;
    }

    /** The tokens of the text between two pieces, without the overhead; whitespace is looked up once. */
    int gap(int start, int end) {
        if (start >= end) {
            return 0;
        }
        String gap = text.substring(start, end);
        if (gap.length() <= 16) {
            return gaps.computeIfAbsent(gap, g -> Math.max(0, counter.count(g) - overhead));
        }
        return span(start, end);
    }

    /** The tokens of a whole chunk as the counter sees it. */
    int exact(String chunk) {
        calls++;
        return counter.count(chunk);
    }

    /** Whether {@code [start, end)} surely has more than {@code maxTokens}, judged by its length alone. */
    boolean surelyMoreThan(int start, int end, int maxTokens) {
        double charsPerToken = countedTokens < 200 ? 8.0 : Math.max(2.0, (double) countedChars / countedTokens);
        return end - start > 3.0 * charsPerToken * maxTokens;
    }

    /** Counter calls made so far. */
    int calls() {
        return calls;
    }
}
