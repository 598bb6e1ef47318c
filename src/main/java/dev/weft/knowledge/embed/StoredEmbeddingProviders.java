package dev.weft.knowledge.embed;

import dev.weft.model.openai.OpenAiDialect;
import dev.weft.model.openai.OpenAiSettings;
import dev.weft.model.provider.ModelProvider;
import dev.weft.model.provider.ModelProviderRepository;
import dev.weft.model.provider.ProviderType;
import dev.weft.security.SecretCipher;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers under Settings → Model providers: base URL, the key decrypted with {@link SecretCipher}, and the
 * {@code connect_timeout_seconds} and {@code timeout_seconds} of the provider's config, as its chat models use them.
 * OpenAI, OpenAI-compatible and Mistral providers serve OpenAI's {@code /embeddings}; Azure OpenAI its deployment
 * endpoint (with the config's {@code api_version}); Ollama its native {@code /api/embed}. Other types are refused.
 */
@Component
public class StoredEmbeddingProviders implements EmbeddingProviders {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelProviderRepository repository;
    private final SecretCipher cipher;

    public StoredEmbeddingProviders(ModelProviderRepository repository, SecretCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
    }

    @Override
    public OpenAiSettings settings(String providerId, String model) {
        return endpoint(providerId, model).settings();
    }

    @Override
    public EmbeddingEndpoint endpoint(String providerId, String model) {
        ModelProvider provider = repository.findById(providerId).orElseThrow(() -> new EmbeddingException(
                "no model provider with the id '" + providerId + "'; it may have been deleted. Choose another embedding model"));
        ProviderType type;
        try {
            type = ProviderType.of(provider.getProviderType());
        } catch (IllegalArgumentException e) {
            throw new EmbeddingException("the model provider '" + provider.getName() + "': " + e.getMessage());
        }
        if (!type.servesEmbeddings()) {
            throw new EmbeddingException("the model provider '" + provider.getName() + "' has the type '" + type.id()
                    + "', which serves no embedding models here; use a provider of type " + Arrays.stream(ProviderType.values())
                            .filter(ProviderType::servesEmbeddings).map(ProviderType::id).collect(Collectors.joining(", "))
                    + ", or a model that runs inside Weft");
        }
        JsonNode config = config(provider);
        OpenAiSettings settings = new OpenAiSettings(provider.getBaseUrl(), cipher.decrypt(provider.getApiKeyCiphertext()), model,
                seconds(config, "connect_timeout_seconds"), seconds(config, "timeout_seconds"), null);
        return switch (type) {
            case AZURE_OPENAI -> new EmbeddingEndpoint(EmbeddingEndpoint.Format.AZURE, settings,
                    config.path("api_version").isString() ? config.path("api_version").stringValue() : OpenAiDialect.DEFAULT_AZURE_API_VERSION);
            case OLLAMA -> new EmbeddingEndpoint(EmbeddingEndpoint.Format.OLLAMA, settings, null);
            default -> EmbeddingEndpoint.openAi(settings);
        };
    }

    private static JsonNode config(ModelProvider provider) {
        String json = provider.getConfigJson();
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new EmbeddingException("the config of the model provider '" + provider.getName() + "' is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Duration seconds(JsonNode config, String key) {
        JsonNode value = config.path(key);
        return value.isNumber() && value.asDouble() > 0 ? Duration.ofMillis(Math.round(value.asDouble() * 1000)) : null;
    }
}
