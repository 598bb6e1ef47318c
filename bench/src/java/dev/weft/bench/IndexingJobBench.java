package dev.weft.bench;

import dev.weft.WeftApplication;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetDocumentRepository;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentChunk;
import dev.weft.knowledge.dataset.DocumentChunkRepository;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.embed.EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real indexing job against the raw embedding throughput of the same model on the same chunks. Starts Weft (H2
 * in a temporary data directory), adds {@code docs} BEIR SciFact abstracts as text documents to a knowledge base with
 * the default settings, and times the queue from the first document added to the last one completed (cleaning,
 * splitting, database writes, embedding, Lucene writes and commits, status bookkeeping). Then embeds the very chunks
 * the job produced with {@code embedDocuments} alone, in batches of {@code batch}, and prints both rates and the
 * pipeline's overhead over embedding alone. Text documents leave parsing out (see {@link ParseThroughputBench}).
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.IndexingJobBench
 * -Dbench.args="docs=2000 workers=2"}
 */
public final class IndexingJobBench {

    private IndexingJobBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        int docs = Integer.parseInt(a.getOrDefault("docs", "2000"));
        int batch = Integer.parseInt(a.getOrDefault("batch", "64"));
        String workers = a.getOrDefault("workers", "2");
        String model = a.getOrDefault("model", EmbeddingModels.DEFAULT_ID);
        Path corpus = Path.of(a.getOrDefault("data", "../shared/data/beir-scifact"), "corpus.jsonl.gz");
        if (!Files.exists(corpus)) {
            System.out.println(corpus + " not found; nothing to measure");
            return;
        }
        List<String[]> texts = read(corpus, docs);
        Path dataDir = Files.createTempDirectory("weft-job-bench-");
        List<String> chunkTexts = new ArrayList<>();
        double jobSeconds;
        int completed;
        ConfigurableApplicationContext ctx = new SpringApplication(WeftApplication.class).run("--weft.data-dir=" + dataDir,
                "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
                "--weft.knowledge.indexing-workers=" + workers);
        try {
            EmbeddingModels models = ctx.getBean(EmbeddingModels.class);
            models.get(model).embedDocuments(List.of("warm up", "the model")); // loaded before the clock starts
            Account owner = ctx.getBean(AccountService.class).createOwner("Bench", "bench@example.com", "Bench", "bench-password-1");
            Dataset dataset = ctx.getBean(DatasetService.class).create(owner, new DatasetService.DatasetDraft("SciFact",
                    null, "only_me", null, model, null, null));
            DocumentService documents = ctx.getBean(DocumentService.class);
            DatasetDocumentRepository repo = ctx.getBean(DatasetDocumentRepository.class);
            long t0 = System.nanoTime();
            for (String[] t : texts) {
                documents.addText(owner, dataset.getId(), t[0], t[1]);
            }
            double addSeconds = (System.nanoTime() - t0) / 1e9;
            List<DatasetDocument> all;
            while (true) {
                all = repo.findByDatasetIdOrderByPositionAsc(dataset.getId());
                if (all.stream().allMatch(d -> d.getStatus() == DocumentStatus.COMPLETED || d.getStatus() == DocumentStatus.ERROR)) {
                    break;
                }
                Thread.sleep(20);
            }
            jobSeconds = (System.nanoTime() - t0) / 1e9;
            completed = (int) all.stream().filter(d -> d.getStatus() == DocumentStatus.COMPLETED).count();
            DocumentChunkRepository chunks = ctx.getBean(DocumentChunkRepository.class);
            for (DatasetDocument d : all) {
                chunks.findByDocumentIdOrderByKindAscPositionAsc(d.getId()).stream().map(DocumentChunk::getContent).forEach(chunkTexts::add);
            }
            int indexed = ctx.getBean(KnowledgeIndexes.class).get(dataset.getId()).chunkCount();
            System.out.printf("model %s, %d processors, %s indexing workers, %d documents added in %.1f s, %d completed, %d chunks (%d in Lucene)%n",
                    model, Runtime.getRuntime().availableProcessors(), workers, texts.size(), addSeconds, completed,
                    chunkTexts.size(), indexed);
            System.out.printf("indexing job: %.1f s from the first document added to the last completed: %.1f chunks/s, %.1f documents/s%n",
                    jobSeconds, chunkTexts.size() / jobSeconds, completed / jobSeconds);

            EmbeddingModel m = models.get(model);
            long e0 = System.nanoTime();
            for (int from = 0; from < chunkTexts.size(); from += batch) {
                m.embedDocuments(chunkTexts.subList(from, Math.min(chunkTexts.size(), from + batch)));
            }
            double embedSeconds = (System.nanoTime() - e0) / 1e9;
            System.out.printf("embedding alone: %.1f s for the same %d chunks in batches of %d: %.1f chunks/s%n",
                    embedSeconds, chunkTexts.size(), batch, chunkTexts.size() / embedSeconds);
            System.out.printf("pipeline overhead over embedding alone: %.1f %%%n", 100 * (jobSeconds / embedSeconds - 1));
        } finally {
            ctx.close();
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<String[]> read(Path corpus, int limit) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        List<String[]> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(corpus)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && out.size() < limit) {
                JsonNode n = json.readTree(line);
                String title = n.path("title").asString("");
                out.add(new String[] {title.isBlank() ? n.path("_id").asString() : title, title + "\n\n" + n.path("text").asString("")});
            }
        }
        return out;
    }
}
