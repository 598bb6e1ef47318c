package dev.weft.model.provider;

import dev.weft.model.ChatModel;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ModelException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Resolves a node's {@code model.provider} against the stored providers: by exact name, then
 * case-insensitively, then by the last {@code /} segment of Dify's names ({@code langgenius/openai/openai}
 * finds {@code openai}). Never guesses: a name that matches nothing is an error listing what exists.
 * Clients are cached per provider version and model, and dropped when providers change.
 */
@Component
public class ConfiguredChatModelResolver implements ChatModelResolver {

    private record Key(String providerId, Instant version, String model) {}

    private final ModelProviderRepository repository;
    private final ProviderChatModels models;
    private final Map<Key, ChatModel> cache = new ConcurrentHashMap<>();
    /** The stored providers as last read, dropped when one changes (and at most {@link #PROVIDERS_TTL_NANOS} old). */
    private volatile KeptProviders providers;

    static final long PROVIDERS_TTL_NANOS = 5_000_000_000L;

    private record KeptProviders(List<ModelProvider> all, long expiresAtNanos) {}

    public ConfiguredChatModelResolver(ModelProviderRepository repository, ProviderChatModels models) {
        this.repository = repository;
        this.models = models;
    }

    @Override
    public ChatModel resolve(String provider, String model) throws ModelException {
        if (provider == null || provider.isBlank()) {
            throw new ModelException("the node names no model provider (model.provider is empty)", 0);
        }
        ModelProvider found = find(provider.strip(), providers());
        String modelName = model == null || model.isBlank() ? found.getDefaultModel() : model.strip();
        if (modelName == null && ProviderType.LOCAL_GGUF.id().equals(found.getProviderType())) {
            modelName = "local"; // the file is the model
        }
        if (modelName == null) {
            throw new ModelException("the node names no model (model.name is empty) and the provider '"
                    + found.getName() + "' has no default model", 0);
        }
        String chosen = modelName;
        return cache.computeIfAbsent(new Key(found.getId(), found.getUpdatedAt(), chosen), k -> models.create(found, chosen));
    }

    private List<ModelProvider> providers() {
        long now = System.nanoTime();
        KeptProviders kept = providers;
        if (kept == null || now - kept.expiresAtNanos() >= 0) {
            kept = new KeptProviders(List.copyOf(repository.findAllByOrderByNameAsc()), now + PROVIDERS_TTL_NANOS);
            providers = kept;
        }
        return kept.all();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onProvidersChanged(ModelProvidersChanged event) {
        providers = null;
        cache.keySet().removeIf(k -> k.providerId().equals(event.providerId()));
    }

    static ModelProvider find(String name, List<ModelProvider> all) {
        List<ModelProvider> matches = all.stream().filter(p -> p.getName().equals(name)).toList();
        if (matches.isEmpty()) {
            matches = all.stream().filter(p -> p.getName().equalsIgnoreCase(name)).toList();
        }
        String last = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
        if (matches.isEmpty() && !last.isEmpty()) {
            matches = all.stream().filter(p -> p.getName().equalsIgnoreCase(last)).toList();
        }
        if (matches.size() > 1) {
            List<ModelProvider> shared = matches.stream().filter(p -> p.getWorkspaceId() == null).toList();
            if (shared.size() != 1) {
                throw new ModelException("the model provider name '" + name + "' is ambiguous: " + matches.size()
                        + " providers in different workspaces are named like it", 0);
            }
            matches = shared;
        }
        if (matches.isEmpty()) {
            throw new ModelException(all.isEmpty()
                    ? "no model provider named '" + name + "': no providers are configured; add one under Settings > Model providers"
                    : "no model provider named '" + name + "'; configured providers: "
                            + all.stream().map(p -> "'" + p.getName() + "'").collect(Collectors.joining(", "))
                            + ". Rename one or change the node's model.provider", 0);
        }
        return matches.get(0);
    }

    /** How many clients are cached, for tests. */
    int cachedClients() {
        return cache.size();
    }
}
