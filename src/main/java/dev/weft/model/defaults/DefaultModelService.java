package dev.weft.model.defaults;

import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import dev.weft.model.provider.ModelProvidersChanged;
import dev.weft.model.provider.ProviderType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A workspace's default models for chat, embedding and rerank (Settings → Model providers). New LLM nodes start on
 * the chat default, new knowledge bases embed with the embedding default and rerank with the rerank default.
 * A default names a model provider of the workspace by id, so renaming the provider keeps it; deleting the
 * provider removes the defaults that use it. Only embedding defaults may be local (no provider).
 */
@Service
@Transactional
public class DefaultModelService {

    static final int MAX_MODEL_NAME = 200;

    private final WorkspaceDefaultModelRepository repository;
    private final ModelProviderService providers;
    private final EmbeddingModels embeddingModels;

    public DefaultModelService(WorkspaceDefaultModelRepository repository, ModelProviderService providers,
            EmbeddingModels embeddingModels) {
        this.repository = repository;
        this.providers = providers;
        this.embeddingModels = embeddingModels;
    }

    @Transactional(readOnly = true)
    public Optional<DefaultModel> get(String workspaceId, ModelType type) {
        return repository.findByWorkspaceIdAndModelType(workspaceId, type.value()).map(WorkspaceDefaultModel::toValue);
    }

    /** Every default the workspace has set. */
    @Transactional(readOnly = true)
    public Map<ModelType, DefaultModel> all(String workspaceId) {
        Map<ModelType, DefaultModel> all = new EnumMap<>(ModelType.class);
        repository.findByWorkspaceId(workspaceId).forEach(row -> {
            DefaultModel d = row.toValue();
            all.put(d.type(), d);
        });
        return all;
    }

    /**
     * Sets or replaces the workspace's default of {@code model.type()}.
     *
     * @throws IllegalArgumentException naming what to fix: an unknown provider, a missing model name, a local model
     *         that is not an embedding model
     */
    public DefaultModel set(String workspaceId, DefaultModel model) {
        if (workspaceId == null || workspaceId.isBlank()) {
            throw new IllegalArgumentException("the workspace id is required");
        }
        if (model.model().isEmpty()) {
            throw new IllegalArgumentException("enter the " + model.type().value() + " model's name, for example "
                    + example(model.type()));
        }
        if (model.model().length() > MAX_MODEL_NAME) {
            throw new IllegalArgumentException("the model name may have at most " + MAX_MODEL_NAME + " characters");
        }
        if (model.isLocal()) {
            if (model.type() != ModelType.EMBEDDING) {
                throw new IllegalArgumentException("choose a model provider for the " + model.type().value()
                        + " model; only embedding models run inside Weft");
            }
            if (!embeddingModels.localIds().contains(model.model())) {
                throw new IllegalArgumentException("unknown local embedding model '" + model.model() + "'; choose one of "
                        + embeddingModels.localIds());
            }
        } else {
            ModelProviderView provider = providerOf(workspaceId, model.providerId());
            ProviderType type = ProviderType.of(provider.providerType());
            if (model.type() == ModelType.EMBEDDING && !type.servesEmbeddings()) {
                throw new IllegalArgumentException("the provider '" + provider.name() + "' (" + type.label()
                        + ") serves no embedding models; choose an OpenAI, Azure OpenAI, Mistral, Ollama or OpenAI-compatible provider");
            }
            if (model.type() == ModelType.RERANK && !type.servesRerank()) {
                throw new IllegalArgumentException("the provider '" + provider.name() + "' (" + type.label()
                        + ") serves no rerank models; add the rerank server as an OpenAI-compatible provider");
            }
        }
        WorkspaceDefaultModel row = repository.findByWorkspaceIdAndModelType(workspaceId, model.type().value())
                .orElseGet(() -> new WorkspaceDefaultModel(workspaceId, model.type()));
        row.set(model.providerId(), model.model());
        return repository.save(row).toValue();
    }

    /** Removes the workspace's default of this type; new nodes and knowledge bases fall back to Weft's choice. */
    public void clear(String workspaceId, ModelType type) {
        repository.findByWorkspaceIdAndModelType(workspaceId, type.value()).ifPresent(repository::delete);
    }

    /** The provider a default names, if it still exists in the workspace. */
    @Transactional(readOnly = true)
    public Optional<ModelProviderView> provider(String workspaceId, DefaultModel model) {
        if (model.isLocal()) {
            return Optional.empty();
        }
        return providers.list(workspaceId).stream().filter(p -> p.id().equals(model.providerId())).findFirst();
    }

    /** The embedding model id a new knowledge base of the workspace uses ({@link EmbeddingModels#get} form). */
    @Transactional(readOnly = true)
    public String embeddingModelId(String workspaceId) {
        return get(workspaceId, ModelType.EMBEDDING)
                .map(d -> d.isLocal() ? d.model() : EmbeddingModels.providerModelId(d.providerId(), d.model()))
                .orElse(EmbeddingModels.DEFAULT_ID);
    }

    @EventListener
    void onProvidersChanged(ModelProvidersChanged event) {
        if (providers.find(event.providerId()).isEmpty()) {
            List<WorkspaceDefaultModel> orphans = repository.findByProviderId(event.providerId());
            repository.deleteAll(orphans);
        }
    }

    private ModelProviderView providerOf(String workspaceId, String providerId) {
        return providers.list(workspaceId).stream().filter(p -> p.id().equals(providerId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model provider with id '" + providerId
                        + "' in this workspace; add it under Settings > Model providers first"));
    }

    private static String example(ModelType type) {
        return switch (type) {
            case CHAT -> "gpt-4o-mini or llama3.2";
            case EMBEDDING -> "text-embedding-3-small or nomic-embed-text";
            case RERANK -> "rerank-english-v3.0 or bge-reranker-v2-m3";
        };
    }
}
