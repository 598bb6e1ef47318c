package dev.weft.knowledge.embed;

import dev.weft.model.openai.OpenAiSettings;
import dev.weft.model.provider.ModelProvider;
import dev.weft.model.provider.ModelProviderRepository;
import dev.weft.security.SecretCipher;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The providers under Settings → Model providers: base URL, the key decrypted with {@link SecretCipher}, and the
 * {@code connect_timeout_seconds} and {@code timeout_seconds} of the provider's config, as its chat models use them.
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
        ModelProvider provider = repository.findById(providerId).orElseThrow(() -> new EmbeddingException(
                "no model provider with the id '" + providerId + "'; it may have been deleted. Choose another embedding model"));
        if (!ModelProvider.OPENAI_COMPATIBLE.equals(provider.getProviderType())) {
            throw new EmbeddingException("the model provider '" + provider.getName() + "' has the type '" + provider.getProviderType()
                    + "'; embeddings need an " + ModelProvider.OPENAI_COMPATIBLE + " provider");
        }
        JsonNode config = config(provider);
        return new OpenAiSettings(provider.getBaseUrl(), cipher.decrypt(provider.getApiKeyCiphertext()), model,
                seconds(config, "connect_timeout_seconds"), seconds(config, "timeout_seconds"), null);
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
