package dev.weft.knowledge.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.knowledge.embed.EmbeddingModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The splitter with the default embedding model's own tokenizer: no chunk may exceed what the model takes. */
class TextSplitterModelTokenizerTest {

    private static final Path DOCS = Path.of("..", "shared", "data", "docs");

    @Test
    void no_chunk_exceeds_the_limit_as_the_model_tokenizer_counts() throws Exception {
        TokenCounter counter = new EmbeddingModels().get(EmbeddingModels.DEFAULT_ID).tokenCounter();
        String text = text();
        TextSplitter splitter = new TextSplitter();

        List<TextChunk> general = splitter.split(text, new ChunkSettings(ChunkSettings.Mode.GENERAL, "\\n\\n", 256, 40,
                null, null, 0, null), counter);
        assertThat(general).hasSizeGreaterThan(10).allSatisfy(chunk -> {
            assertThat(chunk.content()).isNotBlank();
            assertThat(counter.count(chunk.content())).isEqualTo(chunk.tokens()).isLessThanOrEqualTo(256);
        });
        assertThat(general.stream().mapToInt(TextChunk::tokens).average().orElseThrow()).as("chunks are well filled")
                .isGreaterThan(150);

        List<TextChunk> parents = splitter.split(text, new ChunkSettings(ChunkSettings.Mode.PARENT_CHILD, "\\n\\n", 500, 0,
                ChunkSettings.ParentMode.PARAGRAPH, "\\n", 64, null), counter);
        assertThat(parents).isNotEmpty().allSatisfy(parent -> {
            assertThat(counter.count(parent.content())).isLessThanOrEqualTo(500);
            assertThat(parent.children()).isNotEmpty().allSatisfy(child ->
                    assertThat(counter.count(child.content())).isEqualTo(child.tokens()).isLessThanOrEqualTo(64));
        });
    }

    /** Real prose when the shared samples are present (Welsh, English, Markdown, one-line JSON), else built text. */
    private static String text() throws Exception {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("norwich-city.txt", "tika__README.md", "tika__welsh_corpus.txt", "simple.json")) {
            Path file = DOCS.resolve(name);
            if (Files.isRegularFile(file)) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                text.append(content, 0, Math.min(content.length(), 40_000)).append("\n\n");
            }
        }
        if (text.length() < 10_000) {
            for (int p = 0; p < 200; p++) {
                text.append("Paragraph ").append(p).append(" explains how retrieval-augmented generation finds passages. ")
                        .append("It embeds the question, searches the index and reranks what it found; ".repeat(1 + p % 7))
                        .append("\n\n");
                if (p % 20 == 0) {
                    text.append("| model | dimensions | max tokens |\n| --- | --- | --- |\n| bge-small-en-v1.5 | 384 | 512 |\n\n");
                }
            }
        }
        return text.toString();
    }
}
