package dev.weft.knowledge.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.weft.knowledge.chunk.TokenCounter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedding model shipped as ONNX inside its LangChain4j Maven jar, run in process with ONNX Runtime.
 *
 * <p>Documents are tokenised with the model's own tokenizer (DJL) and cut at the model's input limit, special tokens
 * included, as MTEB ran them (bge-small-en-v1.5: 512 tokens, all-MiniLM-L6-v2: 256). They are sorted by length and
 * batched ({@link LengthSortedBatches}; one text per run for the int8 MiniLM, see {@link LocalModelSpec}), run
 * through one ONNX Runtime session, pooled as the model was trained (bge: the {@code [CLS]} vector; MiniLM: the mean
 * over the attention mask) and L2-normalised. Tokenising and batches run on a fixed pool of
 * {@code weft.knowledge.embedding.threads} threads; on CPU each batch runs on one intra-op thread, that many at once
 * (faster on 2 cores than one batch on 2 intra-op threads); on CUDA two batches at most are in flight. Queries run on
 * the caller's thread, so they never wait behind documents being indexed. bge queries get the instruction
 * "Represent this sentence for searching relevant passages: ". Thread-safe; {@link #close()} frees the session and
 * the threads.
 */
public final class LocalOnnxEmbeddingModel implements EmbeddingModel, AutoCloseable {

    public static final String BGE_SMALL_EN_V15 = "local:bge-small-en-v1.5";
    public static final String ALL_MINILM_L6_V2_Q = "local:all-minilm-l6-v2-q";
    public static final List<String> IDS = List.of(BGE_SMALL_EN_V15, ALL_MINILM_L6_V2_Q);

    /** Batches on the GPU at the same time: one being prepared while the other runs, without piling up GPU memory. */
    private static final int GPU_RUNS = 2;

    /**
     * Padded tokens per batch for each text the batch size allows (8 texts: 512 tokens). On 2 cores bge-small ran
     * texts of about 300 tokens 7 % faster one at a time than three to a batch, and texts of about 90 tokens 5 %
     * faster five to eight to a batch than one at a time (EmbeddingThroughputBench): chunks of usual size run alone,
     * short texts together.
     */
    public static final int TOKENS_PER_BATCH_SLOT = 64;

    private final LocalModelSpec spec;
    private final ModelTokenizer tokenizer;
    private final OnnxBertEncoder encoder;
    private final EmbeddingDevice device;
    private final ExecutorService workers;
    private final int threads;
    private final int parallelism;
    private final Semaphore runs;
    private final int batchSize;

    private LocalOnnxEmbeddingModel(LocalModelSpec spec, ModelTokenizer tokenizer, OnnxBertEncoder encoder,
            EmbeddingDevice device, int threads, int parallelism, int batchSize) {
        this.spec = spec;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
        this.device = device;
        this.threads = threads;
        this.parallelism = parallelism;
        this.runs = new Semaphore(parallelism);
        this.batchSize = batchSize;
        this.workers = Executors.newFixedThreadPool(threads, daemonThreads("embed-" + spec.resource()));
    }

    /** Loads one of {@link #IDS} with the default settings. */
    public static LocalOnnxEmbeddingModel load(String id) {
        return load(id, EmbeddingProperties.defaults());
    }

    /** Loads one of {@link #IDS} from the classpath (nothing is downloaded); takes 1–4 s. */
    public static LocalOnnxEmbeddingModel load(String id, EmbeddingProperties properties) {
        LocalModelSpec spec = LocalModelSpec.byId(id);
        byte[] onnx = resource(spec.onnxResource(), id);
        ModelTokenizer tokenizer = new ModelTokenizer(resource(spec.tokenizerResource(), id), spec.maxSequenceLength());
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OnnxSessions.Opened opened = OnnxSessions.open(env, onnx, id, properties.device(), 1);
            OnnxBertEncoder encoder = new OnnxBertEncoder(env, opened.session(), spec.pooling());
            boolean gpu = opened.device() == EmbeddingDevice.CUDA;
            return new LocalOnnxEmbeddingModel(spec, tokenizer, encoder, opened.device(), properties.threads(),
                    gpu ? GPU_RUNS : properties.threads(), spec.dynamicallyQuantized() ? 1 : properties.batchSizeOn(opened.device()));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public int dimensions() {
        return encoder.width();
    }

    /**
     * The most tokens of a text the model reads, counted as {@link #tokenCounter()} counts (without the {@code [CLS]}
     * and {@code [SEP]} the model adds): 510 for bge-small-en-v1.5, 254 for all-MiniLM-L6-v2. The rest is cut off.
     */
    @Override
    public int maxTokens() {
        return spec.maxSequenceLength() - 2;
    }

    /** Counts with the model's own WordPiece tokenizer, special tokens left out, nothing cut. */
    @Override
    public TokenCounter tokenCounter() {
        return tokenizer.counter();
    }

    /** The device the model runs on: {@link EmbeddingDevice#CPU} or {@link EmbeddingDevice#CUDA}. */
    public EmbeddingDevice device() {
        return device;
    }

    /** The most texts in one run of the model (1 for dynamically quantised models). */
    public int batchSize() {
        return batchSize;
    }

    /** How many batches run at the same time: the threads on CPU, 2 on CUDA. */
    public int parallelism() {
        return parallelism;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " of " + texts.size() + " is null");
            }
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        long[][] ids = tokenize(texts);
        int[] lengths = Arrays.stream(ids).mapToInt(s -> s.length).toArray();
        List<int[]> batches = LengthSortedBatches.plan(lengths, batchSize, batchSize * TOKENS_PER_BATCH_SLOT);
        float[][] vectors = new float[texts.size()][];
        if (batches.size() == 1) {
            encodeBatch(ids, batches.getFirst(), vectors);
        } else {
            awaitAll(batches.stream().map(b -> workers.submit(() -> encodeBatch(ids, b, vectors))).toList());
        }
        return Arrays.asList(vectors);
    }

    @Override
    public float[] embedQuery(String query) {
        if (query == null) {
            throw new IllegalArgumentException("the query is null");
        }
        List<long[]> ids = List.of(tokenizer.ids(spec.queryPrefix() + query));
        try {
            return encoder.encode(ids)[0]; // not queued behind document batches: retrieval waits for it
        } catch (OrtException e) {
            throw new EmbeddingException(spec.id() + " could not embed a query: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        tokenizer.close();
        try {
            encoder.close();
        } catch (OrtException e) {
            throw new EmbeddingException("could not close the ONNX session of " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return spec.id() + " on " + device + " (" + threads + " threads, " + parallelism + " batches at once of up to " + batchSize + " texts)";
    }

    /** Token ids of each text; long lists are tokenised in slices on the worker threads. */
    private long[][] tokenize(List<String> texts) {
        long[][] ids = new long[texts.size()][];
        int slices = texts.size() < 64 ? 1 : threads;
        if (slices == 1) {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokenizer.ids(texts.get(i));
            }
            return ids;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            int from = (int) ((long) ids.length * s / slices);
            int to = (int) ((long) ids.length * (s + 1) / slices);
            futures.add(workers.submit(() -> {
                for (int i = from; i < to; i++) {
                    ids[i] = tokenizer.ids(texts.get(i));
                }
            }));
        }
        awaitAll(futures);
        return ids;
    }

    private void encodeBatch(long[][] ids, int[] batch, float[][] vectors) {
        List<long[]> sequences = new ArrayList<>(batch.length);
        for (int i : batch) {
            sequences.add(ids[i]);
        }
        try {
            runs.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("embedding was interrupted");
        }
        try {
            float[][] encoded = encoder.encode(sequences);
            for (int k = 0; k < batch.length; k++) {
                vectors[batch[k]] = encoded[k];
            }
        } catch (OrtException e) {
            throw new EmbeddingException(spec.id() + " could not embed a batch of " + batch.length + " texts: " + e.getMessage(), e);
        } finally {
            runs.release();
        }
    }

    /** Waits for all; on the first failure or an interrupt the rest are cancelled. */
    private static void awaitAll(List<? extends Future<?>> futures) {
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            CancellationException stopped = new CancellationException("embedding was interrupted");
            stopped.initCause(e);
            throw stopped;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EmbeddingException("embedding failed: " + e.getCause(), e.getCause());
        }
    }

    private static byte[] resource(String name, String id) {
        try (InputStream in = LocalOnnxEmbeddingModel.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new EmbeddingException("the model file " + name + " of " + id + " is not on the classpath; "
                        + "it comes with the dev.langchain4j embeddings jar of that model");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingException("could not read the model file " + name + " of " + id + ": " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
