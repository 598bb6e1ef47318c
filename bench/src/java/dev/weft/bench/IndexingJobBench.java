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
 * in a temporary data directory), warms the pipeline up on other abstracts, then runs {@code rounds} rounds: each
 * adds its share of {@code docs} BEIR SciFact abstracts as text documents to a new knowledge base while the indexing
 * worker is stopped, as after an upload of many files, starts the worker and times the queue until the last document
 * completed (parsing, cleaning, splitting, database writes, embedding, Lucene writes and commits, status
 * bookkeeping), then embeds the very chunks that round produced with {@code embedDocuments} alone, in batches of
 * {@code batch} and one chunk per call on all cores. The overhead is the job's time over the faster of the two.
 * Pairing each job with its own baseline, a few seconds apart, keeps other load on the machine from landing on one
 * side only. Text documents keep Tika's share small (see {@link ParseThroughputBench}).
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.IndexingJobBench
 * -Dbench.args="docs=1000 rounds=5 warmup=800"}
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
        String workers = a.getOrDefault("workers", "");
        String model = a.getOrDefault("model", EmbeddingModels.DEFAULT_ID);
        Path corpus = Path.of(a.getOrDefault("data", "../shared/data/beir-scifact"), "corpus.jsonl.gz");
        if (!Files.exists(corpus)) {
            System.out.println(corpus + " not found; nothing to measure");
            return;
        }
        int warm = Integer.parseInt(a.getOrDefault("warmup", "200"));
        int rounds = Math.max(1, Integer.parseInt(a.getOrDefault("rounds", "5")));
        List<String[]> read = read(corpus, docs + warm);
        List<String[]> texts = read.subList(0, Math.min(docs, read.size()));
        List<String[]> warmTexts = read.subList(texts.size(), read.size());
        // the bench runs from test classes, where no production bundle marker is built: serve Vaadin in production mode
        System.setProperty("vaadin.productionMode", "true");
        Path dataDir = Files.createTempDirectory("weft-job-bench-");
        List<String> appArgs = new ArrayList<>(List.of("--weft.data-dir=" + dataDir, "--server.port=0",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        if (!workers.isEmpty()) {
            appArgs.add("--weft.knowledge.indexing-workers=" + workers);
        }
        ConfigurableApplicationContext ctx = new SpringApplication(WeftApplication.class).run(appArgs.toArray(String[]::new));
        try {
            EmbeddingModels models = ctx.getBean(EmbeddingModels.class);
            models.get(model).embedDocuments(List.of("warm up", "the model")); // loaded before the clock starts
            Account owner = ctx.getBean(AccountService.class).createOwner("Bench", "bench@example.com", "Bench", "bench-password-1");
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
            EmbeddingModel m = models.get(model);
            DocumentChunkRepository chunks = ctx.getBean(DocumentChunkRepository.class);
            int threads = Runtime.getRuntime().availableProcessors();
            int perRound = (texts.size() + rounds - 1) / rounds;
            double sumJob = 0, sumBatched = 0, sumSingle = 0, sumJobCpu = 0;
            int sumChunks = 0;
            List<Double> ratios = new ArrayList<>();
            Map<String, Double> byThreadTotal = new java.util.TreeMap<>();
            System.out.printf("model %s, %d processors, %d indexing workers, %d documents in %d rounds (job, then the same chunks embedded alone)%n",
                    model, threads, ctx.getBean(dev.weft.knowledge.dataset.KnowledgeProperties.class).indexingWorkers(),
                    texts.size(), rounds);
            for (int r = 0; r < rounds; r++) {
                List<String[]> round = texts.subList(Math.min(texts.size(), r * perRound), Math.min(texts.size(), (r + 1) * perRound));
                if (round.isEmpty()) {
                    break;
                }
                Dataset dataset = ctx.getBean(DatasetService.class).create(owner, new DatasetService.DatasetDraft("SciFact " + r,
                        null, "only_me", null, model, null, null));
                worker.stop(); // the documents are all queued first, as after an upload of many files
                for (String[] t : round) {
                    documents.addText(owner, dataset.getId(), t[0], t[1]);
                }
                long cpu0 = processCpuNanos();
                Map<String, Double> threads0 = cpuByThreadGroup();
                long t0 = System.nanoTime();
                worker.start();
                while (repo.countByDatasetIdAndStatus(dataset.getId(), DocumentStatus.COMPLETED)
                        + repo.countByDatasetIdAndStatus(dataset.getId(), DocumentStatus.ERROR) < round.size()) {
                    Thread.sleep(200); // a light poll (two counts, 5 times a second): the bench must not take the cores it measures
                }
                double job = (System.nanoTime() - t0) / 1e9;
                double jobCpu = (processCpuNanos() - cpu0) / 1e9;
                delta(threads0, cpuByThreadGroup()).forEach((k, v) -> byThreadTotal.merge(k, v, Double::sum));
                List<DatasetDocument> all = repo.findByDatasetIdOrderByPositionAsc(dataset.getId());
                long completed = all.stream().filter(d -> d.getStatus() == DocumentStatus.COMPLETED).count();
                List<String> chunkTexts = new ArrayList<>();
                for (DatasetDocument d : all) {
                    chunks.findByDocumentIdOrderByKindAscPositionAsc(d.getId()).stream().map(DocumentChunk::getContent).forEach(chunkTexts::add);
                }
                int indexed = ctx.getBean(KnowledgeIndexes.class).get(dataset.getId()).chunkCount();
                long e0 = System.nanoTime();
                for (int from = 0; from < chunkTexts.size(); from += batch) {
                    m.embedDocuments(chunkTexts.subList(from, Math.min(chunkTexts.size(), from + batch)));
                }
                double batched = (System.nanoTime() - e0) / 1e9;
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
                double single = (System.nanoTime() - s0) / 1e9;
                double raw = Math.min(batched, single);
                ratios.add(job / raw);
                sumJob += job;
                sumBatched += batched;
                sumSingle += single;
                sumJobCpu += jobCpu;
                sumChunks += chunkTexts.size();
                System.out.printf("round %d: %d documents, %d completed, %d chunks (%d in Lucene): job %.1f s (%.1f chunks/s, CPU %.1f s); "
                        + "alone: batches of %d %.1f s, one per call on %d threads %.1f s; overhead %.1f %%%n",
                        r + 1, round.size(), completed, chunkTexts.size(), indexed, job, chunkTexts.size() / job, jobCpu,
                        batch, batched, threads, single, 100 * (job / raw - 1));
            }
            double rawTotal = Math.min(sumBatched, sumSingle);
            List<Double> sorted = ratios.stream().sorted().toList();
            System.out.printf("total: %d chunks; job %.1f s = %.1f chunks/s (process CPU %.1f s of %.1f s x %d cores); "
                    + "embedding alone: batches %.1f s = %.1f chunks/s, one per call %.1f s = %.1f chunks/s%n",
                    sumChunks, sumJob, sumChunks / sumJob, sumJobCpu, sumJob, threads, sumBatched, sumChunks / sumBatched,
                    sumSingle, sumChunks / sumSingle);
            System.out.printf("pipeline overhead over the faster way of embedding alone: %.1f %% over all rounds; median round %.1f %%, "
                    + "best %.1f %%, worst %.1f %%%n", 100 * (sumJob / rawTotal - 1), 100 * (sorted.get(sorted.size() / 2) - 1),
                    100 * (sorted.getFirst() - 1), 100 * (sorted.getLast() - 1));
            Map<String, Double> top = new java.util.LinkedHashMap<>();
            byThreadTotal.entrySet().stream().filter(e -> e.getValue() >= 0.5)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> top.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
            System.out.printf("CPU seconds by thread during the jobs (threads that ended missing): %s%n", top);
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
