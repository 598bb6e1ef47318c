package dev.weft.knowledge.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.weft.knowledge.chunk.TokenCounter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token counts equal those of the Hugging Face tokenizer itself (through DJL, special tokens left out, nothing cut):
 * the pure-Java counter on every code point it covers, and the model's counter (pure Java or DJL) on anything, once
 * page breaks and the like are spaces ({@link ModelTokenizer#breaksToSpaces}).
 */
class WordPieceTokenCounterTest {

    private static final String[] MODELS = {"bge-small-en-v1.5", "all-minilm-l6-v2-q"};
    private static final List<WordPieceTokenCounter> wordPiece = new ArrayList<>();
    private static final List<ModelTokenizer> tokenizers = new ArrayList<>();
    private static final List<HuggingFaceTokenizer> references = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        for (String model : MODELS) {
            byte[] json;
            try (InputStream in = WordPieceTokenCounterTest.class.getClassLoader().getResourceAsStream(model + "-tokenizer.json")) {
                json = in.readAllBytes();
            }
            wordPiece.add(WordPieceTokenCounter.from(JsonMapper.builder().build().readTree(json)).orElseThrow());
            tokenizers.add(new ModelTokenizer(json, 512));
            references.add(HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json),
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false")));
        }
    }

    @AfterAll
    static void close() {
        references.forEach(HuggingFaceTokenizer::close);
        tokenizers.forEach(ModelTokenizer::close);
    }

    @Test
    void countsTrickyTextLikeTheHuggingFaceTokenizer() {
        List<String> texts = List.of(
                "", " ", "Hello, world!", "Café déjà vu — naïve coöperation", "The quick brown fox.",
                "ABC", "straße STRASSE İstanbul ΣΊΣΥΦΟΣ", "中文分词测试 with English", "日本語のテキスト、カタカナ",
                "한국어 텍스트", "emoji 😀 in a😀b text", "\u0000nul\u0001ctl\u007fdel", "soft\u00ADhyphen zero\u200Bwidth j\u200Doin",
                "nbsp\u00A0and\u2003em\u3000ideographic", "line\nbreak\r\ntab\tspace",
                "[CLS] literal [SEP] tokens [MASK]x[PAD][UNK]", "[cls] lower [Sep", "replacement\uFFFDchar",
                "a".repeat(100), "a".repeat(101), "é".repeat(100) + " " + "é".repeat(101), "antidisestablishmentarianism",
                "p53-mediated TNF-α IL-1β 5'-UTR 3′ β-catenin (n=1,234; p<0.05)", "https://example.org/a?b=c&d=e#f",
                "हिन्दी पाठ", "العربية نص", "עברית", "ไทย", "Ελληνικά", "Русский текст", "𠀀𠀁 CJK ext B 𫠠 (gap) 𬺰",
                "\uD800 lone surrogate \uDC00", "ﬁ ligature ℌ Ⅷ ①", "‘quotes’ “double” «guillemets» ‹›", "under_score ~tilde~ ^caret^ `tick`",
                "$100 + 5% = €105 ≤ ¥200", "mixed123numbers456 3.14159 1e-10", "unassigned \u0378 and private \uE000 use",
                "tab\there\u2028line\u2029para");
        for (int m = 0; m < MODELS.length; m++) {
            for (String text : texts) {
                assertEquals(reference(m, text), tokenizers.get(m).counter().count(text), MODELS[m] + " on '" + text + "'");
            }
        }
    }

    @Test
    void countsEveryCoveredCodePointLikeTheHuggingFaceTokenizer() {
        // every covered code point (in the CJK extension planes every 16th and those at the ends of the CJK ranges),
        // alone, inside a word, doubled, and after a letter with an accent; compared in blocks of 128 code points to
        // keep the number of native calls small (a difference names its block)
        String[][] contexts = {{"a", "b "}, {"", " "}, {"x", ""}, {"é", " "}};
        for (String[] context : contexts) {
            StringBuilder block = new StringBuilder();
            int first = -1;
            int inBlock = 0;
            for (int cp = 0; cp <= 0x3FFFF; cp++) {
                if (!WordPieceTokenCounter.verified(cp) || (cp >= 0xD800 && cp <= 0xDFFF)
                        || (cp >= 0x20000 && cp % 16 != 0 && !rangeEnd(cp))) {
                    continue;
                }
                if (first < 0) {
                    first = cp;
                }
                block.append(context[0]).appendCodePoint(cp);
                if (context[0].equals("x")) {
                    block.appendCodePoint(cp).append(' ');
                }
                block.append(context[1]);
                if (++inBlock == 128 || cp == 0x3FFFF) {
                    String text = block.toString();
                    assertEquals(reference(0, text), wordPiece.get(0).count(text),
                            String.format("code points U+%04X to U+%04X in the context %s", first, cp, String.join("·", context)));
                    block.setLength(0);
                    first = -1;
                    inBlock = 0;
                }
            }
        }
    }

    @Test
    void countsGeneratedUnicodeTextLikeTheHuggingFaceTokenizer() {
        Random random = new Random(42);
        String[] words = {"protein", "cells", "the", "of", "mitochondrial", "expression", "unbelievably", "xyzzy", "naïve", "résumé"};
        int covered = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int p = 0; p < parts; p++) {
                switch (random.nextInt(5)) {
                    case 0 -> text.append(words[random.nextInt(words.length)]);
                    case 1 -> text.append(' ');
                    case 2 -> text.appendCodePoint(randomAssigned(random, 0x3000));
                    case 3 -> text.appendCodePoint(randomAssigned(random, 0x10000));
                    default -> text.appendCodePoint(randomAssigned(random, 0x30000));
                }
            }
            String s = text.toString();
            covered += wordPiece.get(0).covers(s) ? 1 : 0;
            for (int m = 0; m < MODELS.length; m++) {
                assertEquals(reference(m, ModelTokenizer.breaksToSpaces(s)), tokenizers.get(m).counter().count(s),
                        MODELS[m] + " on '" + s + "' " + codePoints(s));
            }
        }
        assertTrue(covered > 300 && covered < 2700, "both paths are exercised: " + covered + " of 3000 covered");
    }

    @Test
    void countsTheSciFactCorpusLikeTheHuggingFaceTokenizer() throws IOException {
        assumeTrue(SciFactSample.available(), "BEIR SciFact is not in ../shared/data");
        List<String> docs = SciFactSample.documents(1500);
        long total = 0;
        int covered = 0;
        for (String doc : docs) {
            int expected = reference(0, doc);
            assertEquals(expected, tokenizers.get(0).counter().count(doc), doc);
            if (wordPiece.get(0).covers(doc)) {
                covered++;
                assertEquals(expected, wordPiece.get(0).count(doc), doc);
            }
            total += expected;
        }
        assertTrue(total > 300_000, "1500 SciFact documents have over 300,000 word pieces, counted " + total);
        assertTrue(covered > docs.size() * 0.99, "the pure-Java counter covers " + covered + " of " + docs.size());
    }

    @Test
    void leavesOutSpecialTokensAndCutsNothing() {
        TokenCounter bge = tokenizers.get(0).counter();
        assertEquals(2, bge.count("hello world"));
        assertEquals(3, bge.count("hello, world"));
        assertEquals(2000, bge.count("word ".repeat(2000)));
        assertEquals(0, bge.count(""));
    }

    @Test
    void countsAddUpAcrossAnyJavaWhiteSpace() {
        String[] pieces = {"protein", "naïve", "p53-mediated", "[CLS]", "中文", "😀", "हिन्दी", "un", "believably", "x", "", "Ελληνικά"};
        String[] spaces = {" ", "  ", "\n", "\r\n", "\t", "\f", "\u000B", "\u001C", "\u001F", "\u2003", "\u3000", "\n\f\n"};
        Random random = new Random(5);
        for (int m = 0; m < MODELS.length; m++) {
            TokenCounter counter = tokenizers.get(m).counter();
            assertTrue(counter.additiveAtWhitespace());
            for (int n = 0; n < 2000; n++) {
                String a = pieces[random.nextInt(pieces.length)] + pieces[random.nextInt(pieces.length)];
                String b = pieces[random.nextInt(pieces.length)] + pieces[random.nextInt(pieces.length)];
                String w = spaces[random.nextInt(spaces.length)];
                assertEquals(counter.count(a) + counter.count(w) + counter.count(b), counter.count(a + w + b),
                        MODELS[m] + ": '" + a + "' + " + codePoints(w) + "+ '" + b + "'");
                assertTrue(Character.isWhitespace(w.charAt(0)));
            }
        }
    }

    @Test
    void pageBreaksSeparateWordsInTheModelInputToo() {
        ModelTokenizer bge = tokenizers.get(0);
        assertArrayEquals(bge.ids("end start"), bge.ids("end\fstart"));
        assertArrayEquals(bge.ids("end start"), bge.ids("end\u001Estart"));
        assertEquals(2, bge.counter().count("end\fstart"));
        assertEquals(reference(0, "endstart"), bge.counter().count("endstart"));
    }

    @Test
    void coversCommonScriptsAndLeavesOthersToTheTokenizer() {
        WordPieceTokenCounter counter = wordPiece.get(0);
        assertTrue(counter.covers("Plain English, Ελληνικά, Русский, 中文, 日本語, 한국어, emoji 😀, ① ≤ €"));
        assertFalse(counter.covers("हिन्दी"));
        assertFalse(counter.covers("العربية"));
    }

    private static boolean rangeEnd(int cp) {
        return WordPieceTokenCounter.isChinese(cp) != WordPieceTokenCounter.isChinese(cp - 1)
                || WordPieceTokenCounter.isChinese(cp) != WordPieceTokenCounter.isChinese(cp + 1);
    }

    private static int reference(int model, String text) {
        return text.isEmpty() ? 0 : references.get(model).encode(text, false, false).getIds().length;
    }

    /** A random assigned code point below {@code limit} that is not a surrogate. */
    private static int randomAssigned(Random random, int limit) {
        while (true) {
            int cp = random.nextInt(limit);
            int type = Character.getType(cp);
            if (type != Character.UNASSIGNED && type != Character.SURROGATE) {
                return cp;
            }
        }
    }

    private static String codePoints(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(cp -> out.append(String.format("U+%04X ", cp)));
        return out.toString();
    }
}
