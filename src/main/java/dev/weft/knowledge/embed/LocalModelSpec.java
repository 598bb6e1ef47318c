package dev.weft.knowledge.embed;

/**
 * An in-process model as its LangChain4j jar ships it: {@code <resource>.onnx} and {@code <resource>-tokenizer.json}
 * at the root of the classpath, the pooling the model was trained with, the longest input in tokens (special tokens
 * included), the instruction put before queries ("" for none), and whether it is dynamically quantised.
 *
 * <p>A dynamically quantised model ({@code DynamicQuantizeLinear}) takes each activation's int8 scale from the
 * whole input tensor, so in a batch the padding and the other texts would change a text's vector (cosine about
 * 0.993 to the same text alone). Such models run one text at a time, which keeps vectors independent of batching
 * and costs no throughput on CPU (measured in {@code EmbeddingThroughputBench}).
 */
record LocalModelSpec(String id, String resource, Pooling pooling, int maxSequenceLength, String queryPrefix, boolean dynamicallyQuantized) {

    /** The query instruction of BAAI/bge-*-en-v1.5 for retrieval (model card; used by MTEB). */
    static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /** BAAI/bge-small-en-v1.5 (ONNX export by Xenova): CLS pooling, 512 tokens as in MTEB. */
    static final LocalModelSpec BGE_SMALL_EN_V15 = new LocalModelSpec(
            LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15, "bge-small-en-v1.5", Pooling.CLS, 512, BGE_QUERY_INSTRUCTION, false);

    /**
     * sentence-transformers/all-MiniLM-L6-v2, int8-quantised: mean pooling, 256 tokens (its sentence-transformers
     * max_seq_length, which MTEB used; the tokenizer file itself says 128).
     */
    static final LocalModelSpec ALL_MINILM_L6_V2_Q = new LocalModelSpec(
            LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, "all-minilm-l6-v2-q", Pooling.MEAN, 256, "", true);

    static LocalModelSpec byId(String id) {
        if (BGE_SMALL_EN_V15.id().equals(id)) {
            return BGE_SMALL_EN_V15;
        }
        if (ALL_MINILM_L6_V2_Q.id().equals(id)) {
            return ALL_MINILM_L6_V2_Q;
        }
        throw new EmbeddingException("unknown local embedding model '" + id + "'; choose one of " + LocalOnnxEmbeddingModel.IDS);
    }

    String onnxResource() {
        return resource + ".onnx";
    }

    String tokenizerResource() {
        return resource + "-tokenizer.json";
    }
}
