package dev.weft.bench;

import dev.weft.knowledge.index.DatasetIndex;
import dev.weft.knowledge.index.IndexTuning;
import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.retrieve.MetadataFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * COSINE against DOT_PRODUCT on the same normalised vectors: two indexes of the same {@code n} clustered vectors,
 * queried in alternating rounds so that a busy machine slows both alike. Prints build time and, per round, the p50
 * of top-10 searches with {@code numCandidates}; then the median over rounds.
 *
 * <pre>
 * ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.VectorSimilarityBench -Dbench.jvm=-Xmx3g \
 *     -Dbench.args="n=50000 rounds=10 queries=500 candidates=100"
 * </pre>
 */
public final class VectorSimilarityBench {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        int n = Integer.parseInt(a.getOrDefault("n", "50000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "10"));
        int queries = Integer.parseInt(a.getOrDefault("queries", "500"));
        int candidates = Integer.parseInt(a.getOrDefault("candidates", "100"));
        int dims = 384;
        Random random = new Random(42);
        float[][] centroids = new float[2000][dims];
        for (float[] c : centroids) {
            for (int i = 0; i < dims; i++) {
                c[i] = (float) random.nextGaussian();
            }
        }
        float[][] data = new float[n][];
        for (int i = 0; i < n; i++) {
            data[i] = point(centroids[random.nextInt(centroids.length)], random);
        }
        float[][] qs = new float[queries][];
        for (int i = 0; i < queries; i++) {
            qs[i] = point(centroids[random.nextInt(centroids.length)], random);
        }
        VectorSimilarityFunction[] sims = {VectorSimilarityFunction.COSINE, VectorSimilarityFunction.DOT_PRODUCT};
        Path root = Files.createTempDirectory("weft-sim-bench-");
        DatasetIndex[] indexes = new DatasetIndex[sims.length];
        try {
            for (int s = 0; s < sims.length; s++) {
                indexes[s] = DatasetIndex.open(root.resolve(sims[s].name()), new IndexTuning(sims[s], 16, 100, 256));
                long t0 = System.nanoTime();
                for (int start = 0; start < n; start += 1000) {
                    List<IndexedChunk> batch = new ArrayList<>();
                    for (int i = start; i < Math.min(n, start + 1000); i++) {
                        batch.add(new IndexedChunk("c" + i, "d" + i, "d", 0, "x", null, null, Map.of(), data[i], true));
                    }
                    indexes[s].upsert(batch);
                }
                indexes[s].commit();
                indexes[s].forceMerge();
                System.out.printf("%-12s built %d in %.1f s%n", sims[s], n, (System.nanoTime() - t0) / 1e9);
            }
            double[][] p50 = new double[sims.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int s = 0; s < sims.length; s++) {
                    long[] nanos = new long[queries];
                    for (int q = 0; q < queries; q++) {
                        long t = System.nanoTime();
                        indexes[s].searchVector(qs[q], 10, candidates, MetadataFilter.NONE);
                        nanos[q] = System.nanoTime() - t;
                    }
                    Arrays.sort(nanos);
                    p50[s][r] = nanos[queries / 2] / 1e6;
                }
                System.out.printf("round %2d p50 ms: COSINE %.3f  DOT_PRODUCT %.3f%n", r, p50[0][r], p50[1][r]);
            }
            for (int s = 0; s < sims.length; s++) {
                double[] sorted = p50[s].clone();
                Arrays.sort(sorted);
                System.out.printf("%-12s median of per-round p50: %.3f ms (numCandidates %d)%n", sims[s], sorted[rounds / 2], candidates);
            }
        } finally {
            for (DatasetIndex index : indexes) {
                if (index != null) {
                    index.close();
                }
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static float[] point(float[] centroid, Random random) {
        float[] v = new float[centroid.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (centroid[i] + random.nextGaussian());
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
