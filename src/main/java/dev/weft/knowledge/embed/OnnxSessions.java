package dev.weft.knowledge.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an ONNX Runtime session for an embedding model on the device the settings ask for. CUDA is used when
 * ONNX Runtime lists the CUDA execution provider and a session with {@code addCUDA(0)} can be created; with
 * {@link EmbeddingDevice#AUTO} any failure falls back to CPU (logged), with {@link EmbeddingDevice#CUDA} it is an
 * error. The device a model ends up on is logged at INFO (at WARN when CUDA was offered but failed).
 */
final class OnnxSessions {

    private static final Logger log = LoggerFactory.getLogger(OnnxSessions.class);

    /** A session and the device it runs on. */
    record Opened(OrtSession session, EmbeddingDevice device) {}

    private OnnxSessions() {}

    /** Whether this ONNX Runtime build offers the CUDA execution provider (the {@code -Dgpu} build does). */
    static boolean cudaListed() {
        return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    }

    /**
     * Opens {@code model} (the .onnx bytes). On CPU the session uses {@code intraOpThreads} threads per run and no
     * spinning, since callers run several batches at once.
     */
    static Opened open(OrtEnvironment env, byte[] model, String modelId, EmbeddingDevice requested, int intraOpThreads) {
        if (requested != EmbeddingDevice.CPU) {
            String why;
            boolean listed = cudaListed();
            if (listed) {
                try {
                    OrtSession session = createCuda(env, model);
                    log.info("Embedding model {} runs on CUDA (GPU 0)", modelId);
                    return new Opened(session, EmbeddingDevice.CUDA);
                } catch (OrtException | RuntimeException | LinkageError e) {
                    why = "creating a CUDA session on GPU 0 failed: " + e.getMessage();
                }
            } else {
                why = "this ONNX Runtime has no CUDA execution provider (providers: " + OrtEnvironment.getAvailableProviders()
                        + "); build with -Dgpu for onnxruntime_gpu";
            }
            if (requested == EmbeddingDevice.CUDA) {
                throw new EmbeddingException("weft.knowledge.embedding.device is cuda, but " + why);
            }
            if (listed) {
                log.warn("Embedding model {} runs on CPU: {}", modelId, why);
            } else {
                log.info("Embedding model {} runs on CPU: {}", modelId, why);
            }
        }
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(model, options);
            if (requested == EmbeddingDevice.CPU) {
                log.info("Embedding model {} runs on CPU (weft.knowledge.embedding.device=cpu)", modelId);
            }
            return new Opened(session, EmbeddingDevice.CPU);
        } catch (OrtException e) {
            throw new EmbeddingException("could not load the ONNX model of " + modelId + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession createCuda(OrtEnvironment env, byte[] model) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.addCUDA(0);
        return env.createSession(model, options);
    }
}
