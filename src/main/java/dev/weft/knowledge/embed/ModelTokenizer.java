package dev.weft.knowledge.embed;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.weft.knowledge.chunk.TokenCounter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model's own tokenizer, read from its {@code tokenizer.json}. Model input goes through DJL's Hugging Face
 * tokenizer: special tokens added, cut at {@code maxSequenceLength} tokens (special tokens included, as
 * sentence-transformers does), never padded (batches are padded by {@link OnnxBertEncoder}); the tokenizer file's
 * own truncation and padding settings are overridden. Counting uses {@link WordPieceTokenCounter} when the
 * tokenizer is a plain BERT WordPiece one and the text is in the scripts it covers, otherwise DJL without special
 * tokens and without truncation; both give the same counts.
 *
 * <p>Before either, the breaks a BERT normaliser would delete as control characters (vertical tab, form feed, the
 * information separators U+001C to U+001F, next line U+0085) become spaces, so a page break from a PDF does not glue
 * the words on either side into one. With that, counts of a BERT WordPiece tokenizer add up across any Java white
 * space ({@link TokenCounter#additiveAtWhitespace()}), which the text splitter relies on.
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
            this.counter = new Counter(WordPieceTokenCounter.from(JSON.readTree(tokenizerJson)), counting);
        } catch (IOException e) {
            throw new EmbeddingException("could not read the tokenizer: " + e.getMessage(), e);
        }
    }

    /** The model input for {@code text}: token ids with the special tokens, at most the maximum sequence length. */
    long[] ids(String text) {
        return inputs.encode(breaksToSpaces(text), true, false).getIds();
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

    /** {@code text} with VT, FF, U+001C to U+001F and NEL as spaces (the same object when it has none). */
    static String breaksToSpaces(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isBreak(text.charAt(i))) {
                char[] chars = text.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (isBreak(chars[j])) {
                        chars[j] = ' ';
                    }
                }
                return new String(chars);
            }
        }
        return text;
    }

    private static boolean isBreak(char c) {
        return c == '\u000B' || c == '\u000C' || (c >= '\u001C' && c <= '\u001F') || c == '\u0085';
    }

    /** The pure-Java count where it covers the text, the tokenizer's own otherwise. */
    private record Counter(Optional<WordPieceTokenCounter> fast, HuggingFaceTokenizer exact) implements TokenCounter {

        @Override
        public int count(String text) {
            if (text == null || text.isEmpty()) {
                return 0;
            }
            String input = breaksToSpaces(text);
            if (fast.isPresent() && fast.get().covers(input)) {
                return fast.get().count(input);
            }
            return exact.encode(input, false, false).getIds().length;
        }

        /** True for BERT WordPiece tokenizers, which split at white space before anything else. */
        @Override
        public boolean additiveAtWhitespace() {
            return fast.isPresent();
        }
    }
}
