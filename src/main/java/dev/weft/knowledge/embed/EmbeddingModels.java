package dev.weft.knowledge.embed;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The embedding models datasets can use, by id. Local ONNX models load on first use and are shared.
 */
@Component
public class EmbeddingModels {

    /** The default for new datasets: the best nDCG@10 on BEIR SciFact of the models shipped in-process. */
    public static final String DEFAULT_ID = LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15;

    private final Map<String, EmbeddingModel> loaded = new ConcurrentHashMap<>();

    public EmbeddingModel get(String id) {
        String key = id == null || id.isBlank() ? DEFAULT_ID : id;
        return loaded.computeIfAbsent(key, EmbeddingModels::create);
    }

    /** The ids of the in-process models, for pickers. */
    public List<String> localIds() {
        return LocalOnnxEmbeddingModel.IDS;
    }

    private static EmbeddingModel create(String id) {
        if (LocalOnnxEmbeddingModel.IDS.contains(id)) {
            return LocalOnnxEmbeddingModel.load(id);
        }
        throw new EmbeddingException("unknown embedding model '" + id + "'; choose one of " + LocalOnnxEmbeddingModel.IDS);
    }
}
