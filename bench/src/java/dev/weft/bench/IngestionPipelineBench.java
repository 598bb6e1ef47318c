package dev.weft.bench;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.chunk.TextChunk;
import dev.weft.knowledge.chunk.TextCleaner;
import dev.weft.knowledge.chunk.TextSplitter;
import dev.weft.knowledge.embed.EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.extract.ExtractedText;
import dev.weft.knowledge.extract.TikaDocumentParser;
import dev.weft.knowledge.index.DatasetIndex;
import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.index.KnowledgeIndexes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The indexing pipeline stage by stage over the parseable files of {@code ../shared/data/docs}: parse (Tika),
 * clean, split (model tokenizer), embed (ONNX, batches of 64 as the indexing job does), write to Lucene and commit (grouped,
 * as the indexing job does).
 * Prints MB/s parsed, chunks/s embedded, the share of time per stage, and the pipeline's overhead over the
 * embedding time alone (every stage after parsing, against embedding).
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.IngestionPipelineBench
 * -Dbench.args="model=local:bge-small-en-v1.5 max-mb=4"}
 */
public final class IngestionPipelineBench {

    /** The indexing job's default group commit size (weft.knowledge.commit-max-chunks). */
    private static final int COMMIT_MAX_CHUNKS = 2048;

    private IngestionPipelineBench() {}

    public static void main(String[] args) throws Exception {
        String modelId = EmbeddingModels.DEFAULT_ID;
        double maxMb = 4;
        int maxTokens = 500;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "model" -> modelId = kv[1];
                case "max-mb" -> maxMb = Double.parseDouble(kv[1]);
                case "max-tokens" -> maxTokens = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        Path docs = Path.of("..", "shared", "data", "docs");
        if (!Files.isRegularFile(docs.resolve("MANIFEST.tsv"))) {
            System.out.println("../shared/data/docs not found; nothing to measure");
            return;
        }
        List<Path> files = new ArrayList<>();
        for (String line : Files.readAllLines(docs.resolve("MANIFEST.tsv")).subList(1, Files.readAllLines(docs.resolve("MANIFEST.tsv")).size())) {
            String[] c = line.split("\t");
            if (c[4].equals("ok")) {
                files.add(docs.resolve(c[0]));
            }
        }
        files.sort(Comparator.comparing(Path::toString));

        EmbeddingModels models = new EmbeddingModels();
        EmbeddingModel model = models.get(modelId);
        model.embedDocuments(List.of("warm up the model", "and its tokenizer")); // load once, outside the timings
        ChunkSettings settings = new ChunkSettings(ChunkSettings.Mode.GENERAL, "\n\n", Math.min(maxTokens, model.maxTokens()),
                50, null, null, 0, null);
        TextSplitter splitter = new TextSplitter();
        Path indexDir = Files.createTempDirectory("weft-ingest-bench-");
        long parseNs = 0, cleanNs = 0, splitNs = 0, embedNs = 0, indexNs = 0;
        long bytes = 0;
        int documents = 0;
        int chunks = 0;
        int uncommitted = 0;
        try (TikaDocumentParser parser = TikaDocumentParser.withDefaults(); KnowledgeIndexes indexes = new KnowledgeIndexes(indexDir)) {
            DatasetIndex index = indexes.get("bench");
            for (Path file : files) {
                if (bytes > maxMb * 1024 * 1024) {
                    break;
                }
                long t0 = System.nanoTime();
                ExtractedText text;
                try {
                    text = parser.parse(file, file.getFileName().toString());
                } catch (Exception e) {
                    continue;
                }
                long t1 = System.nanoTime();
                String cleaned = TextCleaner.clean(text.text(), settings.cleaning());
                long t2 = System.nanoTime();
                List<TextChunk> split = splitter.split(cleaned, settings, model.tokenCounter());
                long t3 = System.nanoTime();
                String documentId = UUID.randomUUID().toString();
                for (int from = 0; from < split.size(); from += 64) {
                    List<TextChunk> batch = split.subList(from, Math.min(split.size(), from + 64));
                    long e0 = System.nanoTime();
                    List<float[]> vectors = model.embedDocuments(batch.stream().map(TextChunk::content).toList());
                    long e1 = System.nanoTime();
                    List<IndexedChunk> entries = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        TextChunk c = batch.get(i);
                        entries.add(new IndexedChunk(UUID.randomUUID().toString(), documentId, file.getFileName().toString(),
                                c.position(), c.content(), null, null, Map.of("source", "upload_file"), vectors.get(i), true));
                    }
                    index.upsert(entries);
                    uncommitted += entries.size();
                    if (uncommitted >= COMMIT_MAX_CHUNKS) { // group commit, as IndexCommitter does
                        index.commit();
                        uncommitted = 0;
                    }
                    long e2 = System.nanoTime();
                    embedNs += e1 - e0;
                    indexNs += e2 - e1;
                }
                parseNs += t1 - t0;
                cleanNs += t2 - t1;
                splitNs += t3 - t2;
                bytes += Files.size(file);
                documents++;
                chunks += split.size();
            }
            long c0 = System.nanoTime();
            index.commit();
            indexNs += System.nanoTime() - c0;
        } finally {
            try (Stream<Path> walk = Files.walk(indexDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        long total = parseNs + cleanNs + splitNs + embedNs + indexNs;
        System.out.printf("model %s, %d processors, %d documents, %.2f MB, %d chunks of at most %d tokens%n", modelId,
                Runtime.getRuntime().availableProcessors(), documents, bytes / 1048576.0, chunks, settings.maxTokens());
        System.out.printf("parse   %8.1f s  %5.1f %%  %.2f MB/s%n", parseNs / 1e9, 100.0 * parseNs / total, bytes / 1048576.0 / (parseNs / 1e9));
        System.out.printf("clean   %8.3f s  %5.1f %%%n", cleanNs / 1e9, 100.0 * cleanNs / total);
        System.out.printf("split   %8.3f s  %5.1f %%%n", splitNs / 1e9, 100.0 * splitNs / total);
        System.out.printf("embed   %8.1f s  %5.1f %%  %.1f chunks/s%n", embedNs / 1e9, 100.0 * embedNs / total, chunks / (embedNs / 1e9));
        System.out.printf("index   %8.3f s  %5.1f %%  (Lucene upsert; a commit per 2,048 chunks and at the end)%n", indexNs / 1e9, 100.0 * indexNs / total);
        double afterParse = cleanNs + splitNs + embedNs + indexNs;
        System.out.printf("pipeline after parsing: %.1f chunks/s; overhead over embedding alone: %.1f %%%n",
                chunks / (afterParse / 1e9), 100.0 * (afterParse - embedNs) / embedNs);
        System.out.printf("end to end: %.2f MB/s, %.1f chunks/s%n", bytes / 1048576.0 / (total / 1e9), chunks / (total / 1e9));
        models.close();
    }
}
