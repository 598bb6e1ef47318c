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
import dev.weft.knowledge.job.IndexingWorker;
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
 * the default settings while the indexing worker is stopped, as after an upload of many files, then starts the worker
 * and times the queue until the last document completed (parsing, cleaning, splitting, database writes, embedding, Lucene writes and commits, status bookkeeping). Then embeds the very chunks
 * the job produced with {@code embedDocuments} alone, in batches of {@code batch}, and prints both rates and the
 * pipeline's overhead over embedding alone. Text documents keep Tika's share small (see {@link ParseThroughputBench}).
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
        int warm = Integer.parseInt(a.getOrDefault("warmup", "200"));
        List<String[]> read = read(corpus, docs + warm);
        List<String[]> texts = read.subList(0, Math.min(docs, read.size()));
        List<String[]> warmTexts = read.subList(texts.size(), read.size());
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
            // warm-up: the same job on other abstracts, so the JIT has compiled the pipeline before the clock starts
            Dataset warmSet = ctx.getBean(DatasetService.class).create(owner, new DatasetService.DatasetDraft("Warm-up",
                    null, "only_me", null, model, null, null));
            for (String[] t : warmTexts) {
                documents.addText(owner, warmSet.getId(), t[0], t[1]);
            }
            while (repo.countByDatasetIdAndStatus(warmSet.getId(), DocumentStatus.COMPLETED)
                    + repo.countByDatasetIdAndStatus(warmSet.getId(), DocumentStatus.ERROR) < warmTexts.size()) {
                Thread.sleep(100);
            }
            IndexingWorker worker = ctx.getBean(IndexingWorker.class);
            worker.stop(); // the documents are all queued first, as after an upload of many files
            long a0 = System.nanoTime();
            for (String[] t : texts) {
                documents.addText(owner, dataset.getId(), t[0], t[1]);
            }
            double addSeconds = (System.nanoTime() - a0) / 1e9;
            long cpu0 = processCpuNanos();
            Map<String, Double> threads0 = cpuByThreadGroup();
            long t0 = System.nanoTime();
            worker.start();
            while (repo.countByDatasetIdAndStatus(dataset.getId(), DocumentStatus.COMPLETED)
                    + repo.countByDatasetIdAndStatus(dataset.getId(), DocumentStatus.ERROR) < texts.size()) {
                Thread.sleep(100); // a light poll: the bench must not take the cores it measures
            }
            jobSeconds = (System.nanoTime() - t0) / 1e9;
            double jobCpu = (processCpuNanos() - cpu0) / 1e9;
            Map<String, Double> byThread = delta(threads0, cpuByThreadGroup());
            List<DatasetDocument> all = repo.findByDatasetIdOrderByPositionAsc(dataset.getId());
            completed = (int) all.stream().filter(d -> d.getStatus() == DocumentStatus.COMPLETED).count();
            DocumentChunkRepository chunks = ctx.getBean(DocumentChunkRepository.class);
            for (DatasetDocument d : all) {
                chunks.findByDocumentIdOrderByKindAscPositionAsc(d.getId()).stream().map(DocumentChunk::getContent).forEach(chunkTexts::add);
            }
            int indexed = ctx.getBean(KnowledgeIndexes.class).get(dataset.getId()).chunkCount();
            System.out.printf("model %s, %d processors, %s indexing workers, %d documents added in %.1f s, %d completed, %d chunks (%d in Lucene)%n",
                    model, Runtime.getRuntime().availableProcessors(), workers, texts.size(), addSeconds, completed,
                    chunkTexts.size(), indexed);
            System.out.printf("indexing job: %.1f s from the queue start to the last document completed: %.1f chunks/s, %.1f documents/s%n",
                    jobSeconds, chunkTexts.size() / jobSeconds, completed / jobSeconds);

            System.out.printf("process CPU during the job: %.1f s of %.1f s x %d cores; by thread (seconds, threads that ended missing): %s%n",
                    jobCpu, jobSeconds, Runtime.getRuntime().availableProcessors(), byThread);
            EmbeddingModel m = models.get(model);
            long ecpu0 = processCpuNanos();
            long e0 = System.nanoTime();
            for (int from = 0; from < chunkTexts.size(); from += batch) {
                m.embedDocuments(chunkTexts.subList(from, Math.min(chunkTexts.size(), from + batch)));
            }
            double embedSeconds = (System.nanoTime() - e0) / 1e9;
            System.out.printf("process CPU while embedding alone: %.1f s%n", (processCpuNanos() - ecpu0) / 1e9);
            System.out.printf("embedding alone: %.1f s for the same %d chunks in batches of %d: %.1f chunks/s%n",
                    embedSeconds, chunkTexts.size(), batch, chunkTexts.size() / embedSeconds);
            System.out.printf("pipeline overhead over embedding alone: %.1f %%%n", 100 * (jobSeconds / embedSeconds - 1));

            int threads = Integer.parseInt(workers);
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            long s0 = System.nanoTime();
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(Thread.ofPlatform().start(() -> {
                    for (int i = next.getAndIncrement(); i < chunkTexts.size(); i = next.getAndIncrement()) {
                        m.embedDocuments(List.of(chunkTexts.get(i)));
                    }
                }));
            }
            for (Thread t : running) {
                t.join();
            }
            double singleSeconds = (System.nanoTime() - s0) / 1e9;
            System.out.printf("embedding alone, one chunk per call on %d threads: %.1f s: %.1f chunks/s%n", threads,
                    singleSeconds, chunkTexts.size() / singleSeconds);
        } finally {
            ctx.close();
            try (Stream<Path> walk = Files.walk(dataDir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * CPU seconds so far per native thread name (digits dropped), from /proc/self/task, which also lists the JVM's
     * own threads (GC, JIT); empty where there is no /proc. Threads that ended are missing.
     */
    private static Map<String, Double> cpuByThreadGroup() {
        Map<String, Double> sum = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return sum;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime + stime, in USER_HZ
                    sum.merge(name.replaceAll("\\d+", "N"), seconds, Double::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (java.io.IOException e) {
            return sum;
        }
        return sum;
    }

    private static Map<String, Double> delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> top = new java.util.LinkedHashMap<>();
        after.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() >= 0.5).sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> top.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
        return top;
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
