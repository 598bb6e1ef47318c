package dev.weft.knowledge.embed;

import dev.weft.model.provider.ModelProvidersChanged;
import dev.weft.security.GuardedHttpClient;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The embedding models datasets can use, by id: the in-process ONNX models ({@link LocalOnnxEmbeddingModel#IDS}),
 * which load on first use and are shared, and {@code provider:<providerId>/<model>} for a model behind a configured
 * provider that serves embeddings (OpenAI-compatible, OpenAI, Azure OpenAI, Mistral, Ollama;
 * {@link OpenAiCompatibleEmbeddingModel}), dropped when that provider changes.
 */
@Component
public class EmbeddingModels implements AutoCloseable {

    /** The default for new datasets: the best nDCG@10 on BEIR SciFact of the models shipped in-process. */
    public static final String DEFAULT_ID = LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15;

    public static final String PROVIDER_PREFIX = "provider:";

    private final EmbeddingProperties properties;
    private final EmbeddingProviders providers;
    private final GuardedHttpClient http;
    private final Map<String, EmbeddingModel> loaded = new ConcurrentHashMap<>();

    /** The in-process models only, with default settings (for tests and benchmarks). */
    public EmbeddingModels() {
        this(EmbeddingProperties.defaults(), null, null);
    }

    /**
     * {@code providers} and {@code http} may be null, in which case provider models are refused.
     */
    @Autowired
    public EmbeddingModels(EmbeddingProperties properties, EmbeddingProviders providers, GuardedHttpClient http) {
        this.properties = properties;
        this.providers = providers;
        this.http = http;
    }

    /** The id of {@code model} served by the provider with id {@code providerId}. */
    public static String providerModelId(String providerId, String model) {
        return PROVIDER_PREFIX + providerId + "/" + model;
    }

    /** The model with this id ({@link #DEFAULT_ID} when blank); throws {@link EmbeddingException} for unknown ids. */
    public EmbeddingModel get(String id) {
        String key = id == null || id.isBlank() ? DEFAULT_ID : id.strip();
        return loaded.computeIfAbsent(key, this::create);
    }

    /** The ids of the in-process models, for pickers. */
    public List<String> localIds() {
        return LocalOnnxEmbeddingModel.IDS;
    }

    /** Drops the cached models of a provider that was changed or deleted, so the next use reads it again. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void onProvidersChanged(ModelProvidersChanged event) {
        loaded.keySet().removeIf(id -> id.startsWith(PROVIDER_PREFIX + event.providerId() + "/"));
    }

    /** Frees the in-process models' sessions and threads. */
    @PreDestroy
    @Override
    public void close() {
        loaded.values().forEach(model -> {
            if (model instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // closing on shutdown: nothing left to do about it
                }
            }
        });
        loaded.clear();
    }

    private EmbeddingModel create(String id) {
        if (LocalOnnxEmbeddingModel.IDS.contains(id)) {
            return LocalOnnxEmbeddingModel.load(id, properties);
        }
        if (id.startsWith(PROVIDER_PREFIX)) {
            String rest = id.substring(PROVIDER_PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                throw new EmbeddingException("a provider embedding model id looks like provider:<providerId>/<model>, got '" + id + "'");
            }
            if (providers == null || http == null) {
                throw new EmbeddingException("provider embedding models are not available here, only " + LocalOnnxEmbeddingModel.IDS);
            }
            return new OpenAiCompatibleEmbeddingModel(id, providers.endpoint(rest.substring(0, slash), rest.substring(slash + 1)), http);
        }
        throw new EmbeddingException("unknown embedding model '" + id + "'; choose one of " + LocalOnnxEmbeddingModel.IDS
                + " or provider:<providerId>/<model>");
    }
}
