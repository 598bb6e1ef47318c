package dev.weft.knowledge.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a BERT-style ONNX encoder ({@code input_ids}, {@code attention_mask}, optionally {@code token_type_ids} in;
 * {@code last_hidden_state} out) on one batch of tokenised texts: pads the batch to its longest text, runs it,
 * pools each text's token vectors and L2-normalises the result. Thread-safe: batches may run at the same time.
 */
final class OnnxBertEncoder implements AutoCloseable {

    private static final String IDS = "input_ids";
    private static final String MASK = "attention_mask";
    private static final String TYPES = "token_type_ids";
    private static final String HIDDEN = "last_hidden_state";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final Pooling pooling;
    private final boolean takesTypeIds;
    private final String output;
    private final int width;

    OnnxBertEncoder(OrtEnvironment env, OrtSession session, Pooling pooling) {
        this.env = env;
        this.session = session;
        this.pooling = pooling;
        try {
            if (!session.getInputNames().containsAll(List.of(IDS, MASK))) {
                throw new EmbeddingException("the ONNX model takes " + session.getInputNames() + ", not input_ids and attention_mask");
            }
            this.takesTypeIds = session.getInputNames().contains(TYPES);
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            this.output = outputs.containsKey(HIDDEN) ? HIDDEN : outputs.keySet().iterator().next();
            long[] shape = ((TensorInfo) outputs.get(output).getInfo()).getShape();
            if (shape.length != 3 || shape[2] <= 0) {
                throw new EmbeddingException("the ONNX model's output " + output + " has the shape " + java.util.Arrays.toString(shape)
                        + ", not [batch, tokens, width]");
            }
            this.width = (int) shape[2];
        } catch (OrtException e) {
            throw new EmbeddingException("could not read the ONNX model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    /** The length of the vectors this model makes. */
    int width() {
        return width;
    }

    /** One unit vector per sequence, in order. Each sequence holds token ids with the special tokens, unpadded. */
    float[][] encode(List<long[]> sequences) throws OrtException {
        int rows = sequences.size();
        int columns = 0;
        for (long[] s : sequences) {
            columns = Math.max(columns, s.length);
        }
        LongBuffer ids = directLongs(rows * columns);
        LongBuffer mask = directLongs(rows * columns);
        for (int r = 0; r < rows; r++) {
            long[] s = sequences.get(r);
            ids.put(r * columns, s);
            for (int c = 0; c < s.length; c++) {
                mask.put(r * columns + c, 1L);
            }
        }
        long[] shape = {rows, columns};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(IDS, OnnxTensor.createTensor(env, ids, shape));
            inputs.put(MASK, OnnxTensor.createTensor(env, mask, shape));
            if (takesTypeIds) {
                inputs.put(TYPES, OnnxTensor.createTensor(env, directLongs(rows * columns), shape));
            }
            try (OrtSession.Result result = session.run(inputs, java.util.Set.of(output))) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[][] vectors = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    float[] v = new float[width];
                    pooling.pool(hidden, r * columns * width, sequences.get(r).length, width, v);
                    vectors[r] = Vectors.normalize(v);
                }
                return vectors;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /** A zeroed direct buffer in native order, which ONNX Runtime reads without copying. */
    private static LongBuffer directLongs(int count) {
        return ByteBuffer.allocateDirect(count * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }
}
