package dev.weft.knowledge.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.weft.knowledge.chunk.TokenCounter;
import java.util.List;

/**
 * An ONNX embedding model shipped inside its Maven jar, run in process through LangChain4j.
 * bge-small-en-v1.5 prefixes queries with its retrieval instruction.
 */
public final class LocalOnnxEmbeddingModel implements EmbeddingModel {

    public static final String BGE_SMALL_EN_V15 = "local:bge-small-en-v1.5";
    public static final String ALL_MINILM_L6_V2_Q = "local:all-minilm-l6-v2-q";
    public static final List<String> IDS = List.of(BGE_SMALL_EN_V15, ALL_MINILM_L6_V2_Q);

    static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    private final String id;
    private final AbstractInProcessEmbeddingModel model;
    private final HuggingFaceTokenCountEstimator tokenizer;
    private final String queryPrefix;
    private final int maxTokens;

    private LocalOnnxEmbeddingModel(String id, AbstractInProcessEmbeddingModel model, String queryPrefix, int maxTokens) {
        this.id = id;
        this.model = model;
        this.tokenizer = new HuggingFaceTokenCountEstimator();
        this.queryPrefix = queryPrefix;
        this.maxTokens = maxTokens;
    }

    static LocalOnnxEmbeddingModel load(String id) {
        return switch (id) {
            case BGE_SMALL_EN_V15 -> new LocalOnnxEmbeddingModel(id, new BgeSmallEnV15EmbeddingModel(), BGE_QUERY_INSTRUCTION, 512);
            case ALL_MINILM_L6_V2_Q -> new LocalOnnxEmbeddingModel(id, new AllMiniLmL6V2QuantizedEmbeddingModel(), "", 256);
            default -> throw new EmbeddingException("unknown local embedding model '" + id + "'");
        };
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public int maxTokens() {
        return maxTokens;
    }

    @Override
    public TokenCounter tokenCounter() {
        return tokenizer::estimateTokenCountInText;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    @Override
    public float[] embedQuery(String query) {
        return model.embed(queryPrefix + query).content().vector();
    }
}
