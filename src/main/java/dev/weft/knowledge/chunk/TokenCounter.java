package dev.weft.knowledge.chunk;

/** Counts tokens the way an embedding model's tokenizer does, so chunk sizes match what the model sees. */
@FunctionalInterface
public interface TokenCounter {

    int count(String text);
}
