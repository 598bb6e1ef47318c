package dev.weft.model.provider;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.openai.OpenAiSettings;
import dev.weft.security.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes, lists and deletes model providers. API keys are encrypted before they are stored and
 * only ever come back masked. Bad input throws {@link IllegalArgumentException} saying which field is wrong.
 */
@Service
@Transactional
public class ModelProviderService {

    private static final int MAX_NAME = 100;

    private final ModelProviderRepository repository;
    private final SecretCipher cipher;
    private final ProviderChatModels models;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    public ModelProviderService(
            ModelProviderRepository repository, SecretCipher cipher, ProviderChatModels models, ApplicationEventPublisher events) {
        this.repository = repository;
        this.cipher = cipher;
        this.models = models;
        this.events = events;
    }

    public ModelProviderView create(ModelProviderDraft draft) {
        ModelProvider provider = new ModelProvider(UUID.randomUUID().toString(), blankToNull(draft.workspaceId()), clock.instant());
        apply(provider, draft, true);
        repository.save(provider);
        events.publishEvent(new ModelProvidersChanged(provider.getId()));
        return view(provider);
    }

    public ModelProviderView update(String id, ModelProviderDraft draft) {
        ModelProvider provider = get(id);
        apply(provider, draft, false);
        provider.setUpdatedAt(later(provider.getUpdatedAt()));
        repository.save(provider);
        events.publishEvent(new ModelProvidersChanged(id));
        return view(provider);
    }

    public void delete(String id) {
        repository.delete(get(id));
        events.publishEvent(new ModelProvidersChanged(id));
    }

    @Transactional(readOnly = true)
    public List<ModelProviderView> list() {
        return repository.findAllByOrderByNameAsc().stream().map(this::view).toList();
    }

    /** The providers of one workspace plus those shared by all (workspace null). */
    @Transactional(readOnly = true)
    public List<ModelProviderView> list(String workspaceId) {
        return repository.findAllByOrderByNameAsc().stream()
                .filter(p -> p.getWorkspaceId() == null || p.getWorkspaceId().equals(workspaceId))
                .map(this::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<ModelProviderView> find(String id) {
        return repository.findById(id).map(this::view);
    }

    /**
     * Sends a one-token chat request to the provider's default model (for a local GGUF file: loads it and generates
     * one token). Works for every provider type. Never throws for an unreachable server or a broken file.
     */
    @Transactional(readOnly = true)
    public ConnectionTestResult testConnection(String id) {
        ModelProvider provider = get(id);
        boolean local = ProviderType.of(provider.getProviderType()).local();
        if (provider.getDefaultModel() == null && !local) {
            return new ConnectionTestResult(false, null,
                    "set a default model on '" + provider.getName() + "' to test the connection", 0);
        }
        long started = System.nanoTime();
        try {
            ChatResponse reply = models.create(provider, null).chat(new ChatRequest(
                    provider.getDefaultModel(), List.of(ChatMessage.user("ping")), Map.of("max_tokens", 1), null));
            return new ConnectionTestResult(true, modelLabel(provider),
                    "the model answered (" + reply.usage().totalTokens() + " tokens)", millisSince(started));
        } catch (ModelException | IllegalArgumentException e) {
            return new ConnectionTestResult(false, modelLabel(provider), e.getMessage(), millisSince(started));
        }
    }

    private static String modelLabel(ModelProvider provider) {
        return provider.getDefaultModel() != null ? provider.getDefaultModel()
                : java.nio.file.Path.of(provider.getBaseUrl()).getFileName().toString();
    }

    private void apply(ModelProvider provider, ModelProviderDraft draft, boolean creating) {
        String name = Objects.requireNonNullElse(draft.name(), "").strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a model provider needs a name");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("the provider name may have at most " + MAX_NAME + " characters, got " + name.length());
        }
        boolean taken = repository.findAllByOrderByNameAsc().stream()
                .anyMatch(p -> !p.getId().equals(provider.getId())
                        && Objects.equals(p.getWorkspaceId(), provider.getWorkspaceId())
                        && p.getName().equalsIgnoreCase(name));
        if (taken) {
            throw new IllegalArgumentException("a model provider named '" + name + "' already exists");
        }
        ProviderType type = ProviderType.of(draft.providerType());
        var config = ProviderChatModels.config(draft.configJson()); // validates
        String baseUrl;
        if (type.local()) {
            baseUrl = localModelPath(draft.baseUrl());
            ProviderChatModels.localSettings(baseUrl, config); // validates the numbers
        } else {
            String given = blankToNull(draft.baseUrl());
            if (given == null && type.defaultBaseUrl() == null) {
                throw new IllegalArgumentException(type == ProviderType.AZURE_OPENAI
                        ? "an Azure OpenAI provider needs its base URL, such as https://YOUR-RESOURCE.openai.azure.com"
                        : "an OpenAI-compatible provider needs a base URL, such as https://api.groq.com/openai/v1");
            }
            baseUrl = new OpenAiSettings(given == null ? type.defaultBaseUrl() : given, null, null).baseUrl(); // validates
        }
        provider.setName(name);
        provider.setProviderType(type.id());
        provider.setBaseUrl(baseUrl);
        provider.setDefaultModel(blankToNull(draft.defaultModel()));
        provider.setConfigJson(blankToNull(draft.configJson()));
        if (creating || draft.apiKey() != null) {
            String key = blankToNull(draft.apiKey());
            provider.setApiKeyCiphertext(key == null ? null : cipher.encrypt(key));
        }
    }

    /** The absolute path of a readable GGUF file; throws IllegalArgumentException that says what is wrong. */
    private static String localModelPath(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a local GGUF provider needs the model file path, such as /models/qwen2.5-0.5b-instruct-q4_k_m.gguf");
        }
        java.nio.file.Path file;
        try {
            file = java.nio.file.Path.of(path.strip()).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("the model file path '" + path + "' is not a valid path: " + e.getReason(), e);
        }
        dev.weft.model.local.GgufFile.read(file);
        return file.toString();
    }

    private ModelProvider get(String id) {
        return repository.findById(id).orElseThrow(() -> new NoSuchElementException("no model provider with id " + id));
    }

    private ModelProviderView view(ModelProvider p) {
        return new ModelProviderView(p.getId(), p.getWorkspaceId(), p.getName(), p.getProviderType(), p.getBaseUrl(),
                ApiKeys.mask(cipher.decrypt(p.getApiKeyCiphertext())), p.getDefaultModel(), p.getConfigJson(),
                p.getCreatedAt(), p.getUpdatedAt());
    }

    /** A timestamp after {@code previous} even when the clock has not moved, so each change is a new version. */
    private Instant later(Instant previous) {
        Instant now = clock.instant();
        return now.isAfter(previous) ? now : previous.plusNanos(1000);
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
