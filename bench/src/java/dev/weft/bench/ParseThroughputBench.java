package dev.weft.bench;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.chunk.TextChunk;
import dev.weft.knowledge.chunk.TextSplitter;
import dev.weft.knowledge.chunk.TokenCounter;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.extract.ExtractionException;
import dev.weft.knowledge.extract.TikaDocumentParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ingestion throughput on one thread: parsing the shared sample documents with {@link TikaDocumentParser} (MB/s
 * and time per file, by format; the rows the manifest expects to fail are left out), then splitting the extracted
 * texts with {@link TextSplitter} (default settings: 500 tokens, 50 overlap) counted by the default embedding
 * model's tokenizer (chunks/s), and one 1 MB document split alone. Every file is parsed once to warm up first.
 *
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.ParseThroughputBench
 * -Dbench.args=../shared/data/docs}
 */
public final class ParseThroughputBench {

    private record Row(String file, String format, long bytes) {}

    private record Tally(int files, long bytes, long nanos) {
        Tally plus(long fileBytes, long fileNanos) {
            return new Tally(files + 1, bytes + fileBytes, nanos + fileNanos);
        }
    }

    public static void main(String[] args) throws Exception {
        Path docs = Path.of(args.length > 0 ? args[0] : "../shared/data/docs");
        Path manifest = docs.resolve("MANIFEST.tsv");
        if (!Files.isRegularFile(manifest)) {
            System.out.println("no " + manifest + ": nothing to measure");
            return;
        }
        List<Row> rows = rows(manifest);
        System.out.printf(Locale.ROOT, "%d documents the manifest expects to parse, %.1f MB, in %s%n", rows.size(),
                rows.stream().mapToLong(Row::bytes).sum() / 1e6, docs.toAbsolutePath().normalize());
        try (TikaDocumentParser parser = TikaDocumentParser.withDefaults()) {
            for (Row row : rows) {
                parse(parser, docs, row);
            }
            Map<String, Tally> byFormat = new TreeMap<>();
            List<String> texts = new ArrayList<>();
            Tally all = new Tally(0, 0, 0);
            for (Row row : rows) {
                long start = System.nanoTime();
                String text = parse(parser, docs, row);
                long nanos = System.nanoTime() - start;
                if (text != null) {
                    texts.add(text);
                }
                byFormat.merge(row.format(), new Tally(1, row.bytes(), nanos), (a, b) -> a.plus(b.bytes(), b.nanos()));
                all = all.plus(row.bytes(), nanos);
            }
            System.out.println("\nParsing (one thread, after one warm-up pass)");
            System.out.println("format   files        MB     MB/s   ms/file");
            byFormat.forEach((format, t) -> print(format, t));
            print("all", all);
            split(texts);
        }
    }

    private static void print(String label, Tally t) {
        double seconds = t.nanos() / 1e9;
        System.out.printf(Locale.ROOT, "%-7s %6d %9.2f %8.2f %9.1f%n", label, t.files(), t.bytes() / 1e6,
                t.bytes() / 1e6 / seconds, seconds * 1000 / t.files());
    }

    private static void split(List<String> texts) {
        TokenCounter counter = new EmbeddingModels().get(EmbeddingModels.DEFAULT_ID).tokenCounter();
        TextSplitter splitter = new TextSplitter();
        long chars = texts.stream().mapToLong(String::length).sum();
        for (String text : texts) {
            splitter.split(text, ChunkSettings.DEFAULT, counter);
        }
        long start = System.nanoTime();
        int chunks = 0;
        for (String text : texts) {
            chunks += splitter.split(text, ChunkSettings.DEFAULT, counter).size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%nSplitting %d texts, %.2f M chars, with %s's tokenizer (500 tokens, 50 overlap, after a warm-up pass)%n",
                texts.size(), chars / 1e6, EmbeddingModels.DEFAULT_ID);
        System.out.printf(Locale.ROOT, "%d chunks in %.2f s: %.0f chunks/s, %.2f M chars/s%n", chunks, seconds, chunks / seconds,
                chars / 1e6 / seconds);

        StringBuilder joined = new StringBuilder();
        for (int i = 0; joined.length() < 1_000_000; i = (i + 1) % texts.size()) {
            joined.append(texts.get(i)).append("\n\n");
        }
        String megabyte = joined.substring(0, 1_000_000);
        long countStart = System.nanoTime();
        int tokens = counter.count(megabyte);
        double countSeconds = (System.nanoTime() - countStart) / 1e9;
        long oneStart = System.nanoTime();
        List<TextChunk> oneChunks = splitter.split(megabyte, ChunkSettings.DEFAULT, counter);
        double oneSeconds = (System.nanoTime() - oneStart) / 1e9;
        System.out.printf(Locale.ROOT, "one 1 MB document (%d tokens): %d chunks in %.0f ms; counting its tokens once takes %.0f ms%n",
                tokens, oneChunks.size(), oneSeconds * 1000, countSeconds * 1000);
    }

    /** The text of one document, or null when it fails (which the manifest did not expect). */
    private static String parse(TikaDocumentParser parser, Path docs, Row row) {
        try {
            return parser.parse(docs.resolve(row.file()), row.file()).text();
        } catch (ExtractionException e) {
            System.out.println("unexpected failure: " + e.getMessage());
            return null;
        }
    }

    private static List<Row> rows(Path manifest) throws Exception {
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.getFirst().split("\t"));
        int file = header.indexOf("file");
        int format = header.indexOf("format");
        int bytes = header.indexOf("bytes");
        int expected = header.indexOf("expected");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            if (cells.length > expected && cells[expected].strip().equals("ok")) {
                rows.add(new Row(cells[file], cells[format], Long.parseLong(cells[bytes])));
            }
        }
        return rows;
    }
}
