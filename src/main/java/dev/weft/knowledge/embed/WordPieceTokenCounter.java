package dev.weft.knowledge.embed;

import dev.weft.knowledge.chunk.TokenCounter;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Counts the word pieces a BERT tokenizer ({@code BertNormalizer}, {@code BertPreTokenizer}, {@code WordPiece})
 * makes of a text, without special tokens, reading the vocabulary and flags from the model's own
 * {@code tokenizer.json}. It repeats the Hugging Face tokenizer's steps in plain Java, so counting needs no native
 * call and no per-token objects (more than 10 times faster than encoding through DJL):
 *
 * <ol>
 *   <li>the text is split at the tokenizer's added tokens ({@code [CLS]}, {@code [SEP]}, ...), each counting one;
 *   <li>cleaning drops NUL, U+FFFD and control characters (Cc, Cf, Cs, Co; not tab, CR, LF) and turns white space
 *       into spaces; CJK ideographs get spaces around them; accents are stripped (NFD, then non-spacing marks
 *       dropped); the text is lower-cased character by character;
 *   <li>words are split at white space, and punctuation (ASCII punctuation and Unicode P* categories) stands alone;
 *   <li>each word becomes the greedy longest-match word pieces ({@code ##} for continuations), or one unknown
 *       token when a part cannot be matched or the word is longer than {@code max_input_chars_per_word}.
 * </ol>
 *
 * <p>The Hugging Face tokenizer classifies characters with older Unicode tables than the JDK, so about 600 code
 * points of newer or rarer scripts are treated differently. {@link #covers} therefore accepts only text made of
 * the scripts checked to agree code point by code point (Latin, Greek, Cyrillic, Armenian, Hebrew, general
 * punctuation and symbols, CJK, kana, Hangul, full-width forms, emoji); other text is for the caller to count with
 * the tokenizer itself. {@code WordPieceTokenCounterTest} checks the covered code points and SciFact documents.
 */
final class WordPieceTokenCounter implements TokenCounter {

    private final Set<String> vocabulary;
    private final Set<String> continuations;
    private final int longestPiece;
    private final int longestContinuation;
    private final int maxWordChars;
    private final List<String> addedTokens;
    private final String addedTokenStarts;
    private final boolean cleanText;
    private final boolean chineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    private WordPieceTokenCounter(Set<String> vocabulary, String continuingPrefix, int maxWordChars, List<String> addedTokens,
            boolean cleanText, boolean chineseChars, boolean stripAccents, boolean lowercase) {
        this.vocabulary = vocabulary;
        Set<String> rest = new HashSet<>();
        int longest = 0;
        int longestRest = 0;
        for (String piece : vocabulary) {
            longest = Math.max(longest, piece.length());
            if (piece.startsWith(continuingPrefix)) {
                String tail = piece.substring(continuingPrefix.length());
                rest.add(tail);
                longestRest = Math.max(longestRest, tail.length());
            }
        }
        this.continuations = rest;
        this.longestPiece = longest;
        this.longestContinuation = longestRest;
        this.maxWordChars = maxWordChars;
        this.addedTokens = addedTokens.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        StringBuilder starts = new StringBuilder();
        addedTokens.forEach(t -> starts.append(t.charAt(0)));
        this.addedTokenStarts = starts.toString();
        this.cleanText = cleanText;
        this.chineseChars = chineseChars;
        this.stripAccents = stripAccents;
        this.lowercase = lowercase;
    }

    /**
     * A counter for the tokenizer described by {@code tokenizerJson}, or empty when it is not a plain BERT WordPiece
     * tokenizer (another normalizer, pre-tokenizer or model, or added tokens that are normalised or strip spaces).
     */
    static Optional<WordPieceTokenCounter> from(JsonNode tokenizerJson) {
        JsonNode normalizer = tokenizerJson.path("normalizer");
        JsonNode model = tokenizerJson.path("model");
        if (!normalizer.path("type").asString("").equals("BertNormalizer")
                || !tokenizerJson.path("pre_tokenizer").path("type").asString("").equals("BertPreTokenizer")
                || !model.path("type").asString("").equals("WordPiece")
                || !model.path("vocab").isObject()) {
            return Optional.empty();
        }
        List<String> added = new ArrayList<>();
        for (JsonNode token : tokenizerJson.path("added_tokens")) {
            if (token.path("normalized").asBoolean(true) || token.path("lstrip").asBoolean(false)
                    || token.path("rstrip").asBoolean(false) || token.path("single_word").asBoolean(false)
                    || token.path("content").asString("").isEmpty()) {
                return Optional.empty();
            }
            added.add(token.path("content").asString());
        }
        Set<String> vocabulary = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : model.path("vocab").properties()) {
            vocabulary.add(entry.getKey());
        }
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        JsonNode strip = normalizer.path("strip_accents");
        return Optional.of(new WordPieceTokenCounter(
                vocabulary,
                model.path("continuing_subword_prefix").asString("##"),
                model.path("max_input_chars_per_word").asInt(100),
                added,
                normalizer.path("clean_text").asBoolean(true),
                normalizer.path("handle_chinese_chars").asBoolean(true),
                strip.isBoolean() ? strip.asBoolean() : lowercase,
                lowercase));
    }

    /** Whether every character of {@code text} is in a script this counter is known to count exactly. */
    boolean covers(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x0600) {
                continue;
            }
            int cp = text.codePointAt(i);
            if (!verified(cp)) {
                return false;
            }
            if (cp > 0xFFFF) {
                i++;
            }
        }
        return true;
    }

    /** The code point ranges checked to be counted as the Hugging Face tokenizer counts them. */
    static boolean verified(int cp) {
        return cp < 0x0600                                   // Latin, IPA, Greek, Cyrillic, Armenian, Hebrew
                || (cp >= 0x1E00 && cp <= 0x1FFF)            // Latin Extended Additional, Greek Extended
                || (cp >= 0x2000 && cp <= 0x2E42)            // punctuation, symbols, arrows, maths, dingbats
                || (cp >= 0x2E80 && cp <= 0x9FFF)            // CJK radicals and symbols, kana, CJK ideographs
                || (cp >= 0xAC00 && cp <= 0xD7FF)            // Hangul syllables and jamo
                || (cp >= 0xF900 && cp <= 0xFFFF)            // compatibility ideographs, presentation and full-width forms
                || (cp >= 0x1F000 && cp <= 0x1FAFF)          // emoji and pictographs
                || (cp >= 0x20000 && cp <= 0x3FFFF);         // CJK ideographs, extensions B and later
    }

    @Override
    public int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (addedTokens.isEmpty()) {
            return countSection(text, 0, text.length());
        }
        int total = 0;
        int sectionStart = 0;
        for (int i = 0; i < text.length(); i++) {
            if (addedTokenStarts.indexOf(text.charAt(i)) < 0) {
                continue;
            }
            for (String token : addedTokens) {
                if (text.startsWith(token, i)) {
                    total += countSection(text, sectionStart, i) + 1;
                    i += token.length() - 1;
                    sectionStart = i + 1;
                    break;
                }
            }
        }
        return total + countSection(text, sectionStart, text.length());
    }

    private int countSection(String text, int from, int to) {
        if (from >= to) {
            return 0;
        }
        String normalized = normalize(text, from, to);
        int total = 0;
        int wordStart = -1;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isWhitespace(cp)) {
                if (wordStart >= 0) {
                    total += wordPieces(normalized, wordStart, i);
                    wordStart = -1;
                }
            } else if (isPunctuation(cp)) {
                if (wordStart >= 0) {
                    total += wordPieces(normalized, wordStart, i);
                    wordStart = -1;
                }
                total++; // a lone punctuation character is one piece, known or unknown
            } else if (wordStart < 0) {
                wordStart = i;
            }
            i = next;
        }
        if (wordStart >= 0) {
            total += wordPieces(normalized, wordStart, normalized.length());
        }
        return total;
    }

    /** Cleaning, CJK spacing, accent stripping and lower-casing, in the Hugging Face BertNormalizer's order. */
    private String normalize(String text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from + 8);
        boolean ascii = true;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cleanText) {
                if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                    continue;
                }
                if (isWhitespace(cp)) {
                    out.append(' ');
                    continue;
                }
            }
            if (chineseChars && isChinese(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
                ascii = false;
                continue;
            }
            out.appendCodePoint(cp);
            ascii &= cp < 0x80;
        }
        String s = out.toString();
        if (ascii) {
            return lowercase ? lowerAscii(s) : s;
        }
        if (stripAccents) {
            s = dropNonSpacingMarks(Normalizer.normalize(s, Normalizer.Form.NFD));
        }
        return lowercase ? lower(s) : s;
    }

    private int wordPieces(String word, int from, int to) {
        if (to - from > maxWordChars && word.codePointCount(from, to) > maxWordChars) {
            return 1;
        }
        int pieces = 0;
        for (int start = from; start < to; ) {
            Set<String> pieceSet = start == from ? vocabulary : continuations;
            int end = Math.min(to, start + (start == from ? longestPiece : longestContinuation));
            while (end > start && !pieceSet.contains(word.substring(start, end))) {
                end -= end - 2 >= start && Character.isLowSurrogate(word.charAt(end - 1))
                        && Character.isHighSurrogate(word.charAt(end - 2)) ? 2 : 1;
            }
            if (end <= start) {
                return 1; // some part has no piece: the whole word is one unknown token
            }
            pieces++;
            start = end;
        }
        return pieces;
    }

    private static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] += 'a' - 'A';
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }

    /** Per character, as Rust's {@code char::to_lowercase} (no context rules such as the final sigma). */
    private static String lower(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x130) {
                out.append("i\u0307");
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
        }
        return out.toString();
    }

    private static String dropNonSpacingMarks(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** Unicode White_Space, as Rust's {@code char::is_whitespace}. */
    static boolean isWhitespace(int cp) {
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /**
     * Categories Cc, Cf, Cs and Co, except tab, LF and CR (which count as white space). Unassigned code points (Cn)
     * are kept, as the Hugging Face tokenizer keeps them.
     */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE;
    }

    static boolean isPunctuation(int cp) {
        if (cp < 0x80) {
            return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
        }
        int type = Character.getType(cp);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }

    /** The CJK ranges of the Hugging Face BertNormalizer (which skips 0x2B820-0x2B91F, as it does). */
    static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
