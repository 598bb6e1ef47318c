package dev.weft.knowledge.chunk;

/** Counts tokens the way an embedding model's tokenizer does, so chunk sizes match what the model sees. */
@FunctionalInterface
public interface TokenCounter {

    int count(String text);

    /**
     * Whether counts add up across white space: {@code count(a + w + b) == count(a) + count(w) + count(b)} for
     * any texts {@code a}, {@code b} and white space {@code w}, as for tokenizers that split at white space before
     * anything else (BERT's WordPiece). The {@link TextSplitter} then adds up the counts of a chunk's pieces instead
     * of counting the chunk again, which halves its work. False unless a counter promises it.
     */
    default boolean additiveAtWhitespace() {
        return false;
    }
}
