package dev.weft.knowledge.embed;

import dev.weft.knowledge.chunk.TokenCounter;
import java.util.List;

/**
 * Turns text into vectors for one model. Vectors are L2-normalised, so a dot product is the cosine. Documents and
 * queries are embedded separately because some models (bge) prefix queries with an instruction.
 * Implementations are thread-safe.
 */
public interface EmbeddingModel {

    /** The id stored with a dataset: {@code local:bge-small-en-v1.5}, {@code provider:<providerId>/<model>}. */
    String id();

    int dimensions();

    /** The longest input the model reads; longer input is cut at this many tokens. */
    int maxTokens();

    /** Counts tokens with this model's tokenizer; chunk sizes are measured with it. */
    TokenCounter tokenCounter();

    /** One vector per text, in order. Batches and spreads the work over the available cores. */
    List<float[]> embedDocuments(List<String> texts);

    float[] embedQuery(String query);
}
