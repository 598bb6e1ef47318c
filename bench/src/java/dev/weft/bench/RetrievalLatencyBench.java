package dev.weft.bench;

import dev.weft.knowledge.index.ChunkHit;
import dev.weft.knowledge.index.DatasetIndex;
import dev.weft.knowledge.index.IndexTuning;
import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.retrieve.MetadataFilter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.VectorUtil;

/**
 * k-NN latency and recall of {@link DatasetIndex} on synthetic clustered vectors (uniform random vectors make HNSW
 * recall meaningless). Builds an index of {@code n} chunks through {@code DatasetIndex.upsert}, then for each
 * {@code numCandidates} runs {@code queries} top-10 searches one after another and compares them with exact
 * brute-force top-10: p50/p99 latency and recall@10, on the index as built (each query on one thread, then with its
 * segments searched in parallel as Weft opens indexes) and after {@code forceMerge(1)}.
 *
 * <p>Data: {@code clusters} Gaussian centroids (N(0,1) per dimension), each point a centroid plus N(0, sigma²) noise,
 * normalised; queries are drawn the same way and are not in the index.
 *
 * <pre>
 * ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.RetrievalLatencyBench -Dbench.jvm=-Xmx6g \
 *     -Dbench.args="n=100000 queries=1000 m=16 beam=100 sim=dot threads=1 candidates=10,20,50,100,200"
 * </pre>
 * Other arguments: {@code dims=384 clusters=2000 sigma=1 ram=256 dir=/path (default: a temporary directory, deleted)
 * merge=true seed=42}.
 */
public final class RetrievalLatencyBench {

    private static final int K = 10;

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        int n = Integer.parseInt(a.getOrDefault("n", "100000"));
        int queries = Integer.parseInt(a.getOrDefault("queries", "1000"));
        int dims = Integer.parseInt(a.getOrDefault("dims", "384"));
        int clusters = Integer.parseInt(a.getOrDefault("clusters", "2000"));
        double sigma = Double.parseDouble(a.getOrDefault("sigma", "1"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "1"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        boolean merge = Boolean.parseBoolean(a.getOrDefault("merge", "true"));
        int[] candidates = Arrays.stream(a.getOrDefault("candidates", "10,20,50,100,200").split(",")).mapToInt(Integer::parseInt).toArray();
        VectorSimilarityFunction sim = a.getOrDefault("sim", "dot").startsWith("cos") ? VectorSimilarityFunction.COSINE : VectorSimilarityFunction.DOT_PRODUCT;
        IndexTuning tuning = new IndexTuning(sim, Integer.parseInt(a.getOrDefault("m", "16")),
                Integer.parseInt(a.getOrDefault("beam", "100")), Double.parseDouble(a.getOrDefault("ram", "256")));
        Path dir = a.containsKey("dir") ? Path.of(a.get("dir")) : Files.createTempDirectory("weft-knn-bench-");

        System.out.printf("n=%d dims=%d clusters=%d sigma=%.2f queries=%d %s threads=%d cores=%d heap=%d MB dir=%s%n",
                n, dims, clusters, sigma, queries, tuning, threads, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, dir);

        Random random = new Random(seed);
        float[][] centroids = new float[clusters][dims];
        for (float[] c : centroids) {
            for (int i = 0; i < dims; i++) {
                c[i] = (float) random.nextGaussian();
            }
        }
        long t0 = System.nanoTime();
        float[][] data = new float[n][];
        for (int i = 0; i < n; i++) {
            data[i] = point(centroids[random.nextInt(clusters)], sigma, random);
        }
        float[][] qs = new float[queries][];
        for (int i = 0; i < queries; i++) {
            qs[i] = point(centroids[random.nextInt(clusters)], sigma, random);
        }
        System.out.printf("generated in %.1f s%n", secondsSince(t0));

        t0 = System.nanoTime();
        int[][] truth = bruteForce(data, qs);
        double bruteMs = (System.nanoTime() - t0) / 1e6 / queries * Runtime.getRuntime().availableProcessors();
        System.out.printf("exact top-%d computed in %.1f s (%.1f ms per query per core, SIMD dot products)%n", K, secondsSince(t0), bruteMs);

        DatasetIndex built = DatasetIndex.open(dir, tuning);
        ExecutorService searchThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            try (DatasetIndex index = built) {
                t0 = System.nanoTime();
                build(index, data, threads);
                index.commit();
                double buildS = secondsSince(t0);
                System.out.printf("built and committed %d chunks in %.1f s (%.0f chunks/s), %d segments, %.0f MB on disk%n",
                        n, buildS, n / buildS, index.segmentCount(), sizeMb(dir));
                measure("as built (" + index.segmentCount() + " segments), one thread per query", index, qs, truth, candidates);
            }
            // as Weft opens it (KnowledgeIndexes): one query's segments searched in parallel on a thread per core
            try (DatasetIndex index = DatasetIndex.open(dir, tuning, searchThreads)) {
                measure("as built (" + index.segmentCount() + " segments), segments in parallel", index, qs, truth, candidates);
                if (merge) {
                    t0 = System.nanoTime();
                    index.forceMerge();
                    index.commit();
                    System.out.printf("forceMerge(1) in %.1f s, %.0f MB on disk%n", secondsSince(t0), sizeMb(dir));
                    measure("merged (1 segment)", index, qs, truth, candidates);
                }
            }
        } finally {
            searchThreads.shutdown();
            if (!a.containsKey("dir")) {
                deleteTree(dir);
            }
        }
    }

    private static float[] point(float[] centroid, double sigma, Random random) {
        float[] v = new float[centroid.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (centroid[i] + sigma * random.nextGaussian());
            norm += v[i] * v[i];
        }
        float s = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
        return v;
    }

    private static int[][] bruteForce(float[][] data, float[][] queries) {
        int[][] truth = new int[queries.length][];
        IntStream.range(0, queries.length).parallel().forEach(q -> {
            int[] best = new int[K];
            float[] bestScore = new float[K];
            Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < data.length; i++) {
                float s = VectorUtil.dotProduct(queries[q], data[i]);
                if (s > bestScore[K - 1]) {
                    int j = K - 1;
                    while (j > 0 && bestScore[j - 1] < s) {
                        bestScore[j] = bestScore[j - 1];
                        best[j] = best[j - 1];
                        j--;
                    }
                    bestScore[j] = s;
                    best[j] = i;
                }
            }
            truth[q] = best;
        });
        return truth;
    }

    private static void build(DatasetIndex index, float[][] data, int threads) throws Exception {
        int batch = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int start = 0; start < data.length; start += batch) {
                int from = start;
                int to = Math.min(data.length, start + batch);
                done.add(pool.submit(() -> {
                    List<IndexedChunk> chunks = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) {
                        chunks.add(new IndexedChunk("c" + i, "d" + (i / 10), "doc " + (i / 10), i % 10, "chunk " + i,
                                null, null, Map.of(), data[i], true));
                    }
                    index.upsert(chunks);
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void measure(String label, DatasetIndex index, float[][] qs, int[][] truth, int[] candidates) {
        System.out.printf("%n%s: top-%d, single-threaded, %d queries%n", label, K, qs.length);
        System.out.printf("%14s %10s %10s %10s %10s%n", "numCandidates", "p50 ms", "p99 ms", "mean ms", "recall@10");
        for (int nc : candidates) {
            for (int i = 0; i < Math.min(300, qs.length); i++) { // warm-up
                index.searchVector(qs[i], K, nc, MetadataFilter.NONE);
            }
            long[] nanos = new long[qs.length];
            long found = 0;
            for (int q = 0; q < qs.length; q++) {
                long t = System.nanoTime();
                List<ChunkHit> hits = index.searchVector(qs[q], K, nc, MetadataFilter.NONE);
                nanos[q] = System.nanoTime() - t;
                for (ChunkHit hit : hits) {
                    int id = Integer.parseInt(hit.chunk().chunkId().substring(1));
                    for (int t2 : truth[q]) {
                        if (t2 == id) {
                            found++;
                            break;
                        }
                    }
                }
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            System.out.printf("%14d %10.3f %10.3f %10.3f %10.4f%n", nc, nanos[nanos.length / 2] / 1e6,
                    nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6, mean, found / (double) (K * qs.length));
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double sizeMb(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() / 1048576.0;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
