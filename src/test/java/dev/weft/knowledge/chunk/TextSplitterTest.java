package dev.weft.knowledge.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The splitter with stand-in token counters (words, characters, special tokens) that make every rule checkable. */
class TextSplitterTest {

    /** One token per whitespace-separated word, as a simple tokenizer would count. */
    static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

    private final TextSplitter splitter = new TextSplitter();

    private static ChunkSettings general(String separator, int max, int overlap) {
        return new ChunkSettings(ChunkSettings.Mode.GENERAL, separator, max, overlap, null, null, 0, new CleaningRules(true, false));
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
    }

    private static String sentence(int words, int seed) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "S" + seed : "w" + seed + "x" + i).append(i == words - 1 ? "." : " ");
        }
        return s.toString();
    }

    @Test
    void small_paragraphs_are_packed_up_to_the_limit_and_never_split() {
        String text = "One two three.\n\nFour five.\n\nSix seven eight nine.\n\nTen.";
        List<TextChunk> chunks = splitter.split(text, general("\n\n", 6, 0), WORDS);
        assertThat(chunks).extracting(TextChunk::content)
                .containsExactly("One two three.\n\nFour five.", "Six seven eight nine.\n\nTen.");
        assertThat(chunks).extracting(TextChunk::tokens).containsExactly(5, 5);
        assertThat(chunks).extracting(TextChunk::position).containsExactly(0, 1);
    }

    @Test
    void separators_typed_with_escapes_work_like_the_characters() {
        String text = "alpha beta\n\ngamma delta\n\nepsilon";
        assertThat(splitter.split(text, general("\\n\\n", 2, 0), WORDS))
                .isEqualTo(splitter.split(text, general("\n\n", 2, 0), WORDS))
                .extracting(TextChunk::content).containsExactly("alpha beta", "gamma delta", "epsilon");
        assertThat(splitter.split("a b *** c d *** e", general("***", 2, 0), WORDS))
                .extracting(TextChunk::content).containsExactly("a b", "c d", "e");
        assertThat(Separators.unescape("\\t|\\u00A7|\\\\n|\\x")).isEqualTo("\t|§|\\n|\\x");
    }

    @Test
    void a_long_paragraph_is_split_at_sentence_ends_then_spaces_then_between_characters() {
        String paragraph = sentence(4, 1) + " " + sentence(4, 2) + " " + sentence(4, 3);
        assertThat(splitter.split(paragraph, general("\n\n", 5, 0), WORDS)).extracting(TextChunk::content)
                .containsExactly(sentence(4, 1), sentence(4, 2), sentence(4, 3));
        assertThat(splitter.split(sentence(7, 4), general("\n\n", 3, 0), WORDS)).extracting(TextChunk::content)
                .containsExactly("S4 w4x1 w4x2", "w4x3 w4x4 w4x5", "w4x6.");
        TokenCounter chars = String::length;
        List<TextChunk> pieces = splitter.split("abcdefghij".repeat(5), general("\n\n", 12, 0), chars);
        assertThat(pieces).allSatisfy(c -> assertThat(c.content().length()).isLessThanOrEqualTo(12));
        assertThat(pieces.stream().map(TextChunk::content).collect(Collectors.joining())).isEqualTo("abcdefghij".repeat(5));
    }

    @Test
    void chinese_sentences_end_at_their_full_stops() {
        String text = "我们今天去公园。天气很好！你来吗？";
        TokenCounter chars = String::length;
        assertThat(splitter.split(text, general("\n\n", 8, 0), chars)).extracting(TextChunk::content)
                .containsExactly("我们今天去公园。", "天气很好！你来吗？".substring(0, 5), "你来吗？");
    }

    @Test
    void each_chunk_starts_with_the_end_of_the_one_before() {
        String text = String.join(" ", java.util.stream.IntStream.range(0, 40).mapToObj(i -> "w" + i).toList());
        List<TextChunk> chunks = splitter.split(text, general("\n\n", 10, 3), WORDS);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(10));
        for (int i = 1; i < chunks.size(); i++) {
            List<String> previous = words(chunks.get(i - 1).content());
            List<String> current = words(chunks.get(i).content());
            assertThat(current.subList(0, 3)).as("chunk %d", i).isEqualTo(previous.subList(previous.size() - 3, previous.size()));
        }
        assertThat(chunks.getFirst().content()).isEqualTo("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9");
        assertThat(chunks.get(1).content()).isEqualTo("w7 w8 w9 w10 w11 w12 w13 w14 w15 w16");
        assertThat(words(chunks.getLast().content())).endsWith("w39");
    }

    @Test
    void the_overlap_shrinks_when_the_next_piece_leaves_no_room() {
        String text = "a b c d e f\n\ng h i j k l\n\nm n o p q r s t";
        List<TextChunk> chunks = splitter.split(text, general("\n\n", 8, 4), WORDS);
        assertThat(chunks).extracting(TextChunk::content)
                .containsExactly("a b c d e f", "e f\n\ng h i j k l", "m n o p q r s t");
    }

    @Test
    void tables_are_split_between_rows_even_when_the_separator_occurs_inside_them() {
        StringBuilder table = new StringBuilder("Prices. As of today.\n\n| Item. | Price. |\n| --- | --- |\n");
        for (int i = 0; i < 30; i++) {
            table.append("| tea no. ").append(i).append(" | ").append(i).append(". |\n");
        }
        List<TextChunk> chunks = splitter.split(table.toString(), general(".", 14, 0), WORDS);
        assertThat(chunks).hasSizeGreaterThan(3);
        for (TextChunk chunk : chunks) {
            assertThat(chunk.tokens()).isLessThanOrEqualTo(14);
            for (String line : chunk.content().split("\n")) {
                if (line.startsWith("|")) {
                    assertThat(line).as("a whole row").endsWith("|").matches("\\| .* \\| .* \\|");
                }
            }
        }
    }

    @Test
    void a_single_row_longer_than_a_chunk_is_split_as_a_last_resort() {
        String row = "| " + "cell ".repeat(30) + "|";
        List<TextChunk> chunks = splitter.split(row, general("\n\n", 10, 0), WORDS);
        assertThat(chunks).hasSize(4).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(10));
    }

    @Test
    void no_chunk_is_empty_and_blank_text_gives_none() {
        assertThat(splitter.split(" \n\n \n\n", general("\n\n", 5, 0), WORDS)).isEmpty();
        assertThat(splitter.split("***a***   ***b******", general("***", 5, 0), WORDS))
                .extracting(TextChunk::content).containsExactly("***a*** ***b******");
        assertThat(splitter.split("***a*** ***b******", general("***", 1, 0), WORDS))
                .extracting(TextChunk::content).containsExactly("a", "b");
    }

    @Test
    void a_counter_that_adds_special_tokens_or_does_not_add_up_is_still_respected() {
        String text = sentence(9, 1) + "\n\n" + sentence(13, 2) + "\n" + sentence(5, 3) + " " + sentence(30, 4);
        TokenCounter withSpecialTokens = t -> 2 + WORDS.count(t);
        TokenCounter roughChars = t -> (t.length() + 3) / 4;
        for (TokenCounter counter : List.of(withSpecialTokens, roughChars)) {
            for (int max : new int[] {3, 7, 12, 40}) {
                List<TextChunk> chunks = splitter.split(text, general("\n\n", max, max / 3), counter);
                assertThat(chunks).isNotEmpty().allSatisfy(c -> {
                    assertThat(c.content()).isNotBlank();
                    assertThat(counter.count(c.content())).isEqualTo(c.tokens()).isLessThanOrEqualTo(max);
                });
            }
        }
    }

    @Test
    void random_documents_keep_every_word_in_order_and_every_limit() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            String text = randomDocument(random);
            int max = 1 + random.nextInt(40);
            int overlap = random.nextInt(max);
            String separator = List.of("\n\n", "\\n", ".", " ", "|", "##").get(random.nextInt(6));
            List<TextChunk> noOverlap = splitter.split(text, general(separator, max, 0), WORDS);
            String clean = TextCleaner.clean(text, new CleaningRules(true, false));
            String delimiter = Separators.unescape(separator);
            String joined = noOverlap.stream().map(TextChunk::content).collect(Collectors.joining());
            assertThat(joined.replace(delimiter, "").replaceAll("\\s", "")).as("round %d: %s", round, separator)
                    .isEqualTo(clean.replace(delimiter, "").replaceAll("\\s", ""));
            List<TextChunk> withOverlap = splitter.split(text, general(separator, max, overlap), WORDS);
            for (List<TextChunk> chunks : List.of(noOverlap, withOverlap)) {
                for (int i = 0; i < chunks.size(); i++) {
                    TextChunk c = chunks.get(i);
                    assertThat(c.position()).isEqualTo(i);
                    assertThat(c.content()).isNotBlank().isEqualTo(c.content().strip());
                    assertThat(WORDS.count(c.content())).as("round %d", round).isEqualTo(c.tokens()).isLessThanOrEqualTo(max);
                    assertThat(clean).contains(c.content());
                }
            }
        }
    }

    private static String randomDocument(Random random) {
        StringBuilder text = new StringBuilder();
        int blocks = 1 + random.nextInt(8);
        for (int b = 0; b < blocks; b++) {
            if (random.nextInt(5) == 0) {
                text.append("| h1 | h2 |\n| --- | --- |\n");
                for (int r = random.nextInt(6); r > 0; r--) {
                    text.append("| c").append(r).append(" x. | y").append(" z".repeat(random.nextInt(4))).append(" |\n");
                }
            } else {
                int sentences = 1 + random.nextInt(6);
                for (int s = 0; s < sentences; s++) {
                    int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 12);
                    for (int w = 0; w < n; w++) {
                        text.append(random.nextInt(30) == 0 ? "x".repeat(1 + random.nextInt(30)) : "w" + random.nextInt(100));
                        text.append(w == n - 1 ? List.of(".", "!", "?", "。").get(random.nextInt(4)) : random.nextInt(20) == 0 ? "\n" : " ");
                    }
                    text.append(random.nextBoolean() ? " " : "\n");
                }
            }
            text.append(List.of("\n\n", "\n\n\n", "\n", "## ").get(random.nextInt(4)));
        }
        return text.toString();
    }

    @Test
    void parent_child_gives_paragraph_parents_with_their_children() {
        String text = sentence(6, 1) + " " + sentence(6, 2) + "\n\n" + sentence(3, 3) + "\n" + sentence(3, 4);
        var settings = new ChunkSettings(ChunkSettings.Mode.PARENT_CHILD, "\\n\\n", 12, 0,
                ChunkSettings.ParentMode.PARAGRAPH, "\\n", 4, null);
        List<TextChunk> parents = splitter.split(text, settings, WORDS);
        assertThat(parents).extracting(TextChunk::content)
                .containsExactly(sentence(6, 1) + " " + sentence(6, 2), sentence(3, 3) + "\n" + sentence(3, 4));
        assertThat(parents.getFirst().children()).extracting(TextChunk::content)
                .containsExactly("S1 w1x1 w1x2 w1x3", "w1x4 w1x5. S2 w2x1", "w2x2 w2x3 w2x4 w2x5.");
        assertThat(parents.get(1).children()).extracting(TextChunk::content).containsExactly(sentence(3, 3), sentence(3, 4));
        assertThat(parents.get(1).children()).extracting(TextChunk::position).containsExactly(0, 1);
    }

    @Test
    void full_doc_parent_is_the_whole_cleaned_text() {
        String text = "A  b c.\n\n\n\nD e f g h.";
        var settings = new ChunkSettings(ChunkSettings.Mode.PARENT_CHILD, "\n\n", 2, 0,
                ChunkSettings.ParentMode.FULL_DOC, "\n\n", 3, null);
        List<TextChunk> parents = splitter.split(text, settings, WORDS);
        assertThat(parents).singleElement().satisfies(p -> {
            assertThat(p.content()).isEqualTo("A b c.\n\nD e f g h.");
            assertThat(p.tokens()).isEqualTo(8);
            assertThat(p.children()).extracting(TextChunk::content).containsExactly("A b c.", "D e f", "g h.");
        });
    }

    @Test
    void each_character_is_counted_only_a_few_times() {
        StringBuilder text = new StringBuilder();
        Random random = new Random(1);
        for (int p = 0; p < 2000; p++) {
            for (int s = 1 + random.nextInt(8); s > 0; s--) {
                text.append(sentence(3 + random.nextInt(25), p)).append(' ');
            }
            text.append("\n\n");
        }
        AtomicLong counted = new AtomicLong();
        TokenCounter counting = t -> {
            counted.addAndGet(t.length());
            return WORDS.count(t);
        };
        List<TextChunk> chunks = splitter.split(text.toString(), general("\n\n", 200, 20), counting);
        assertThat(chunks).hasSizeGreaterThan(100);
        assertThat(counted.get()).as("characters counted for a %d-character text", text.length())
                .isLessThan(3L * text.length());
        List<String> all = new ArrayList<>();
        chunks.forEach(c -> all.add(c.content()));
        assertThat(all).doesNotContain("");
    }
}
