package dev.weft.knowledge.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.weft.knowledge.chunk.TokenCounter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model's own tokenizer, read from its {@code tokenizer.json}. Model input goes through DJL's Hugging Face
 * tokenizer: special tokens added, cut at {@code maxSequenceLength} tokens (special tokens included, as
 * sentence-transformers does), never padded (batches are padded by {@link OnnxBertEncoder}); the tokenizer file's
 * own truncation and padding settings are overridden. Counting uses {@link WordPieceTokenCounter} when the
 * tokenizer is a plain BERT WordPiece one and the text is in the scripts it covers, otherwise DJL without special
 * tokens and without truncation; both give the same counts.
 */
final class ModelTokenizer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HuggingFaceTokenizer inputs;
    private final HuggingFaceTokenizer counting;
    private final TokenCounter counter;

    ModelTokenizer(byte[] tokenizerJson, int maxSequenceLength) {
        try {
            this.inputs = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "true",
                    "maxLength", Integer.toString(maxSequenceLength),
                    "padding", "false"));
            this.counting = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), Map.of(
                    "addSpecialTokens", "false",
                    "truncation", "false",
                    "padding", "false"));
            TokenCounter exact = text -> text == null || text.isEmpty() ? 0 : counting.encode(text, false, false).getIds().length;
            this.counter = WordPieceTokenCounter.from(JSON.readTree(tokenizerJson))
                    .<TokenCounter>map(fast -> text -> text != null && fast.covers(text) ? fast.count(text) : exact.count(text))
                    .orElse(exact);
        } catch (IOException e) {
            throw new EmbeddingException("could not read the tokenizer: " + e.getMessage(), e);
        }
    }

    /** The model input for {@code text}: token ids with the special tokens, at most the maximum sequence length. */
    long[] ids(String text) {
        return inputs.encode(text, true, false).getIds();
    }

    /** Counts tokens as the model's tokenizer splits text, special tokens left out, nothing cut. */
    TokenCounter counter() {
        return counter;
    }

    @Override
    public void close() {
        inputs.close();
        counting.close();
    }
}
