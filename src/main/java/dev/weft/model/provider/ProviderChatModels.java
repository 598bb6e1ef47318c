package dev.weft.model.provider;

import dev.weft.model.ModelException;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import dev.weft.security.SecretCipher;
import java.time.Duration;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds the client for a stored provider: decrypts its key and reads its timeouts from {@code config_json}. */
@Component
public class ProviderChatModels {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SecretCipher cipher;

    public ProviderChatModels(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** A client for {@code model} (the provider's default model when null). */
    public OpenAiCompatibleChatModel create(ModelProvider provider, String model) {
        if (!ModelProvider.OPENAI_COMPATIBLE.equals(provider.getProviderType())) {
            throw new ModelException("the model provider '" + provider.getName() + "' has the unsupported type '"
                    + provider.getProviderType() + "'; Weft supports " + ModelProvider.OPENAI_COMPATIBLE, 0);
        }
        JsonNode config = config(provider.getConfigJson());
        OpenAiSettings settings = new OpenAiSettings(
                provider.getBaseUrl(),
                cipher.decrypt(provider.getApiKeyCiphertext()),
                model == null || model.isBlank() ? provider.getDefaultModel() : model,
                seconds(config, "connect_timeout_seconds"),
                seconds(config, "timeout_seconds"),
                seconds(config, "idle_timeout_seconds"));
        return new OpenAiCompatibleChatModel(settings);
    }

    /** Parses a provider's {@code config_json}; throws IllegalArgumentException naming the problem. */
    static JsonNode config(String configJson) {
        if (configJson == null || configJson.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(configJson);
            if (!node.isObject()) {
                throw new IllegalArgumentException("the provider config must be a JSON object, got: " + configJson);
            }
            for (String key : new String[] {"connect_timeout_seconds", "timeout_seconds", "idle_timeout_seconds"}) {
                if (node.has(key) && (!node.get(key).isNumber() || node.get(key).asDouble() <= 0)) {
                    throw new IllegalArgumentException("the provider config field " + key + " must be a positive number of seconds");
                }
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the provider config is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Duration seconds(JsonNode config, String key) {
        return config.has(key) ? Duration.ofMillis(Math.round(config.get(key).asDouble() * 1000)) : null;
    }
}
