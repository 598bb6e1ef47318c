package dev.weft.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.weft.knowledge.embed.EmbeddingDevice;
import dev.weft.knowledge.embed.EmbeddingProperties;
import dev.weft.knowledge.embed.LengthSortedBatches;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throughput of the in-process embedding models on CPU: texts/s and tokens/s for 1000 texts of about 60 words
 * ("sentences") and 1000 of about 300 tokens ("chunks"), with 1 and 2 threads, for
 * <ul>
 *   <li>raw ONNX: one ONNX Runtime session fed pre-tokenised batches (same batch plan, same session options, the
 *       same number of batches running at once on a fixed pool, the output copied to Java; no pooling), and
 *   <li>{@code embedDocuments}: the whole {@link LocalOnnxEmbeddingModel} path (tokenise, sort, batch, run, pool,
 *       normalise);
 * </ul>
 * the overhead is how much longer the second takes, in wall-clock time and in CPU time of the process (all threads,
 * native ones included; steadier than wall-clock time when other programs share the cores). With 2 threads it also
 * times raw ONNX running one batch at a time on 2 intra-op threads, the alternative to parallel batches. Texts are cut from BEIR SciFact abstracts when
 * {@code ../shared/data/beir-scifact} exists, otherwise generated from a fixed word list. Each figure is the best
 * of {@code reps} runs after a warm-up (the machine may be shared, so runs vary).
 *
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.EmbeddingThroughputBench
 * -Dbench.args="models=bge,minilm threads=1,2 n=1000 reps=1"} (also {@code batch=16} to override the batch size,
 * {@code sets=sentences,chunks}).
 */
public final class EmbeddingThroughputBench {

    private static final Path SCIFACT = Path.of("..", "shared", "data", "beir-scifact", "corpus.jsonl.gz");

    private EmbeddingThroughputBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "models", "bge,minilm", "threads", "1,2", "n", "1000", "reps", "1", "batch", "0", "sets", "sentences,chunks"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int n = Integer.parseInt(options.get("n"));
        int reps = Integer.parseInt(options.get("reps"));
        int batchOverride = Integer.parseInt(options.get("batch"));
        List<String> words = words();
        System.out.printf("machine: %d processors; texts from %s%n", Runtime.getRuntime().availableProcessors(),
                Files.isRegularFile(SCIFACT) ? "BEIR SciFact abstracts" : "a generated word list (SciFact not found)");
        System.out.printf("%-18s %-9s %3s %6s %5s | %8s %9s | %8s %9s | %8s | %8s %8s %8s | %s%n", "model", "texts", "thr", "tokens", "batch",
                "raw t/s", "raw tok/s", "emb t/s", "emb tok/s", "overhead", "raw cpu", "emb cpu", "overhead", "raw, 1 batch × intra-op threads");
        System.out.println("(t/s: texts per second; tok/s: tokens per second; cpu: CPU milliseconds per text, all threads)");
        for (String name : options.get("models").split(",")) {
            String id = name.startsWith("bge") ? LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15 : LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q;
            String resource = id.substring("local:".length());
            int maxLength = id.equals(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15) ? 512 : 256;
            byte[] onnx = resource(resource + ".onnx");
            try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(resource(resource + "-tokenizer.json")),
                    Map.of("addSpecialTokens", "true", "truncation", "true", "maxLength", Integer.toString(maxLength), "padding", "false"))) {
                for (String set : options.get("sets").split(",")) {
                    List<String> texts = set.equals("chunks") ? chunksOfTokens(words, n, 300, tokenizer) : chunksOfWords(words, n, 60);
                    long[][] ids = texts.stream().map(t -> tokenizer.encode(t, true, false).getIds()).toArray(long[][]::new);
                    double meanTokens = Arrays.stream(ids).mapToInt(a -> a.length).average().orElse(0);
                    for (String t : options.get("threads").split(",")) {
                        int threads = Integer.parseInt(t);
                        EmbeddingProperties properties = EmbeddingProperties.defaults().withDevice(EmbeddingDevice.CPU).withThreads(threads);
                        if (batchOverride > 0) {
                            properties = properties.withBatchSize(batchOverride);
                        }
                        try (LocalOnnxEmbeddingModel model = LocalOnnxEmbeddingModel.load(id, properties);
                                RawOnnx parallel = new RawOnnx(onnx, threads, 1);
                                RawOnnx intraOp = threads > 1 ? new RawOnnx(onnx, 1, threads) : null) {
                            List<int[]> plan = LengthSortedBatches.plan(Arrays.stream(ids).mapToInt(a -> a.length).toArray(),
                                    model.batchSize(), model.batchSize() * LocalOnnxEmbeddingModel.TOKENS_PER_BATCH_SLOT);
                            List<int[]> warmUp = plan.subList(0, Math.min(plan.size(), 8));
                            parallel.run(ids, warmUp);
                            model.embedDocuments(texts.subList(0, Math.min(texts.size(), 64)));
                            if (intraOp != null) {
                                intraOp.run(ids, warmUp);
                            }
                            // interleaved, best of reps each, so a busy spell on the machine hits all alike
                            double raw = Double.MAX_VALUE;
                            double embed = Double.MAX_VALUE;
                            double rawCpu = Double.MAX_VALUE;
                            double embedCpu = Double.MAX_VALUE;
                            double intraSeconds = Double.MAX_VALUE;
                            for (int r = 0; r < reps; r++) {
                                double[] rawRun = measure(() -> parallel.run(ids, plan));
                                double[] embedRun = measure(() -> model.embedDocuments(texts));
                                raw = Math.min(raw, rawRun[0]);
                                rawCpu = Math.min(rawCpu, rawRun[1]);
                                embed = Math.min(embed, embedRun[0]);
                                embedCpu = Math.min(embedCpu, embedRun[1]);
                                if (intraOp != null) {
                                    intraSeconds = Math.min(intraSeconds, measure(() -> intraOp.run(ids, plan))[0]);
                                }
                            }
                            String intra = intraOp == null ? "" : String.format("%.1f t/s", n / intraSeconds);
                            System.out.printf("%-18s %-9s %3d %6.0f %5d | %8.1f %9.0f | %8.1f %9.0f | %7.1f%% | %8.2f %8.2f %7.1f%% | %s%n",
                                    resource, set, threads, meanTokens, model.batchSize(), n / raw, n * meanTokens / raw, n / embed,
                                    n * meanTokens / embed, (embed / raw - 1) * 100, rawCpu * 1000 / n, embedCpu * 1000 / n,
                                    (embedCpu / rawCpu - 1) * 100, intra);
                        }
                    }
                }
            }
        }
    }

    /** Wall-clock seconds and CPU seconds of the whole process (all threads) that {@code run} takes. */
    private static double[] measure(Supplier<Object> run) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        run.get();
        return new double[] {(System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9};
    }

    /** A bare ONNX Runtime session run on pre-tokenised, padded batches, {@code streams} batches at a time. */
    private static final class RawOnnx implements AutoCloseable {

        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final ExecutorService pool;

        RawOnnx(byte[] onnx, int streams, int intraOpThreads) throws Exception {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            session = env.createSession(onnx, options);
            pool = Executors.newFixedThreadPool(streams);
        }

        Object run(long[][] ids, List<int[]> plan) {
            List<Future<Float>> futures = new ArrayList<>();
            for (int[] batch : plan) {
                futures.add(pool.submit(() -> runBatch(ids, batch)));
            }
            try {
                float sum = 0;
                for (Future<Float> f : futures) {
                    sum += f.get();
                }
                return sum;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private float runBatch(long[][] ids, int[] batch) throws Exception {
            int columns = 0;
            for (int i : batch) {
                columns = Math.max(columns, ids[i].length);
            }
            LongBuffer input = direct(batch.length * columns);
            LongBuffer mask = direct(batch.length * columns);
            for (int r = 0; r < batch.length; r++) {
                input.put(r * columns, ids[batch[r]]);
                for (int c = 0; c < ids[batch[r]].length; c++) {
                    mask.put(r * columns + c, 1L);
                }
            }
            long[] shape = {batch.length, columns};
            try (OnnxTensor a = OnnxTensor.createTensor(env, input, shape);
                    OnnxTensor b = OnnxTensor.createTensor(env, mask, shape);
                    OnnxTensor c = OnnxTensor.createTensor(env, direct(batch.length * columns), shape);
                    OrtSession.Result result = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
                return ((OnnxTensor) result.get(0)).getFloatBuffer().get(0);
            }
        }

        private static LongBuffer direct(int count) {
            return ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
        }

        @Override
        public void close() throws Exception {
            pool.shutdownNow();
            session.close();
        }
    }

    /** Words of SciFact abstracts in corpus order, or a generated stream when the corpus is not there. */
    private static List<String> words() throws Exception {
        List<String> words = new ArrayList<>();
        if (Files.isRegularFile(SCIFACT)) {
            JsonMapper json = JsonMapper.builder().build();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(SCIFACT)), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null && words.size() < 2_000_000; line = in.readLine()) {
                    JsonNode doc = json.readTree(line);
                    words.addAll(Arrays.asList(doc.path("text").asString().split("\\s+")));
                }
            }
            return words;
        }
        String[] vocabulary = ("the of and in to a is that for with was were as by on are be this from at or an these which "
                + "cells protein expression patients study results increased associated analysis mice levels activity role "
                + "treatment response disease cancer gene significantly mitochondrial receptor pathway clinical cohort risk").split(" ");
        Random random = new Random(7);
        for (int i = 0; i < 400_000; i++) {
            words.add(vocabulary[random.nextInt(vocabulary.length)] + (random.nextInt(12) == 0 ? "." : ""));
        }
        return words;
    }

    private static List<String> chunksOfWords(List<String> words, int n, int size) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; chunks.size() < n; i += size) {
            chunks.add(String.join(" ", words.subList(i % (words.size() - size), i % (words.size() - size) + size)));
        }
        return chunks;
    }

    /** Chunks of about {@code tokens} word pieces (whole words, the special tokens not counted). */
    private static List<String> chunksOfTokens(List<String> words, int n, int tokens, HuggingFaceTokenizer tokenizer) {
        List<String> chunks = new ArrayList<>();
        int i = 0;
        while (chunks.size() < n) {
            int count = 0;
            StringBuilder chunk = new StringBuilder();
            while (count < tokens) {
                String word = words.get(i++ % words.size());
                count += tokenizer.encode(word, false, false).getIds().length;
                chunk.append(chunk.isEmpty() ? "" : " ").append(word);
            }
            chunks.add(chunk.toString());
        }
        return chunks;
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = EmbeddingThroughputBench.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return in.readAllBytes();
        }
    }
}
