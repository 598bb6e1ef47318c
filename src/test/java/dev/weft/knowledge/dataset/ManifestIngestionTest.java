package dev.weft.knowledge.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Uploads every file of {@code ../shared/data/docs} in batches, through the real pipeline (Tika, cleaning,
 * splitting, the ONNX model, Lucene), and checks each against MANIFEST.tsv: the parseable ones complete with
 * chunks, the others end in error with a reason, and one bad file never affects the rest of its batch.
 */
@SpringBootTest
class ManifestIngestionTest {

    static final Path DOCS = Path.of("..", "shared", "data", "docs");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("manifest").toString());
        registry.add("weft.knowledge.max-file-size", () -> String.valueOf(64L * 1024 * 1024));
    }

    @Autowired AccountService accounts;
    @Autowired DatasetService datasets;
    @Autowired DocumentService documents;
    @Autowired DocumentChunkRepository chunks;
    @Autowired KnowledgeIndexes indexes;

    record Row(String file, String expected) {}

    @Test
    void everyManifestFileEndsAsTheManifestSays() throws Exception {
        assumeTrue(Files.isRegularFile(DOCS.resolve("MANIFEST.tsv")), "../shared/data/docs is not present");
        List<Row> rows = Files.readAllLines(DOCS.resolve("MANIFEST.tsv")).stream().skip(1)
                .map(l -> l.split("\t")).map(c -> new Row(c[0], c[4])).toList();
        Account owner = accounts.createOwner("Acme", "manifest@example.com", "Owner", "manifest-test-password");
        Dataset dataset = datasets.create(owner, new DatasetService.DatasetDraft("Manifest", null, null, null,
                LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, null, null));

        Map<String, String> refusedAtUpload = new LinkedHashMap<>();
        for (int from = 0; from < rows.size(); from += 20) {
            List<DocumentService.NewFile> batch = new ArrayList<>();
            for (Row row : rows.subList(from, Math.min(rows.size(), from + 20))) {
                batch.add(new DocumentService.NewFile(row.file(), null, open(DOCS.resolve(row.file()))));
            }
            for (DocumentService.AddResult r : documents.addFiles(owner, dataset.getId(), batch)) {
                if (!r.accepted()) {
                    refusedAtUpload.put(r.name(), r.error());
                }
            }
        }

        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        List<DatasetDocument> docs;
        do {
            Thread.sleep(500);
            docs = documents.list(owner, dataset.getId());
        } while (docs.stream().anyMatch(d -> !d.getStatus().finished()) && System.nanoTime() < deadline);

        Map<String, DatasetDocument> byName = docs.stream()
                .collect(Collectors.toMap(DatasetDocument::getName, d -> d, (a, b) -> a));
        List<String> problems = new ArrayList<>();
        int completed = 0;
        int failed = 0;
        for (Row row : rows) {
            DatasetDocument doc = byName.get(row.file());
            String refused = refusedAtUpload.get(row.file());
            boolean ok = doc != null && doc.getStatus() == DocumentStatus.COMPLETED;
            boolean error = refused != null || (doc != null && doc.getStatus() == DocumentStatus.ERROR);
            String reason = refused != null ? refused : doc == null ? null : doc.getError();
            if (ok) {
                completed++;
                if (doc.getChunksTotal() < 1 || doc.getWordCount() < 1) {
                    problems.add(row.file() + ": completed without text (" + doc.getChunksTotal() + " chunks)");
                }
            }
            if (error) {
                failed++;
                if (reason == null || reason.isBlank()) {
                    problems.add(row.file() + ": error without a reason");
                }
            }
            if (row.expected().equals("ok") && !ok) {
                problems.add(row.file() + ": expected completed, got " + (doc == null ? "no document" : doc.getStatus())
                        + " (" + reason + ")");
            } else if (row.expected().startsWith("error") && !error) {
                problems.add(row.file() + ": expected an error (" + row.expected() + "), got "
                        + (doc == null ? "no document" : doc.getStatus()));
            } else if (!ok && !error) {
                problems.add(row.file() + ": did not finish: " + (doc == null ? "no document" : doc.getStatus()));
            }
        }
        System.out.printf("manifest ingestion: %d files, %d completed, %d failed with a reason, %d chunks%n",
                rows.size(), completed, failed, chunks.countByDatasetIdAndKindIn(dataset.getId(),
                        List.of(ChunkKind.CHUNK, ChunkKind.CHILD)));
        assertThat(problems).isEmpty();
        assertThat(indexes.get(dataset.getId()).chunkCount())
                .isEqualTo(chunks.countByDatasetIdAndKindIn(dataset.getId(), List.of(ChunkKind.CHUNK, ChunkKind.CHILD)));
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
