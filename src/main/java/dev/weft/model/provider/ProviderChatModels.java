package dev.weft.model.provider;

import dev.weft.model.ChatModel;
import dev.weft.model.ModelException;
import dev.weft.model.anthropic.AnthropicChatModel;
import dev.weft.model.gemini.GeminiChatModel;
import dev.weft.model.local.LocalGgufChatModel;
import dev.weft.model.local.LocalGgufSettings;
import dev.weft.model.local.LocalModels;
import dev.weft.model.ollama.OllamaChatModel;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiDialect;
import dev.weft.model.openai.OpenAiSettings;
import dev.weft.security.SecretCipher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the client for a stored provider, by its {@link ProviderType}: decrypts its key and reads its settings from
 * {@code config_json}. Every type: {@code connect_timeout_seconds}, {@code timeout_seconds},
 * {@code idle_timeout_seconds}. Azure OpenAI: {@code api_version}. Ollama: {@code num_ctx}, {@code keep_alive}.
 * Local GGUF: {@code context_size}, {@code threads}, {@code gpu_layers}, {@code max_tokens}.
 *
 * <p>Why Weft's own clients and not LangChain4j's: LangChain4j's HTTP errors carry the status and body but not the
 * response headers, so a 429's {@code Retry-After} is lost, and its models retry on their own, under the gateway's
 * retries. Its Anthropic, Gemini and Ollama modules also come in versions that do not match the
 * {@code langchain4j-core} the ONNX embeddings pin. The wire formats are small; each client here is one class on
 * {@code java.net.http} that streams, calls tools and reports status, Retry-After and the upstream's message.
 */
@Component
public class ProviderChatModels {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> NUMBER_FIELDS = Map.of(
            "connect_timeout_seconds", "seconds", "timeout_seconds", "seconds", "idle_timeout_seconds", "seconds",
            "num_ctx", "tokens", "context_size", "tokens", "threads", "threads", "gpu_layers", "layers", "max_tokens", "tokens");

    private final SecretCipher cipher;
    private final LocalModels localModels;

    public ProviderChatModels(SecretCipher cipher, LocalModels localModels) {
        this.cipher = cipher;
        this.localModels = localModels;
    }

    /** A client for {@code model} (the provider's default model when null). */
    public ChatModel create(ModelProvider provider, String model) {
        ProviderType type;
        try {
            type = ProviderType.of(provider.getProviderType());
        } catch (IllegalArgumentException e) {
            throw new ModelException("the model provider '" + provider.getName() + "': " + e.getMessage(), 0);
        }
        JsonNode config = config(provider.getConfigJson());
        if (type.local()) {
            return new LocalGgufChatModel(localModels, provider.getId(), localSettings(provider.getBaseUrl(), config));
        }
        OpenAiSettings settings = settings(provider, model, config);
        return switch (type) {
            case OPENAI_COMPATIBLE -> new OpenAiCompatibleChatModel(settings);
            case OPENAI -> new OpenAiCompatibleChatModel(settings, OpenAiCompatibleChatModel.newClient(settings), OpenAiDialect.OPENAI);
            case MISTRAL -> new OpenAiCompatibleChatModel(settings, OpenAiCompatibleChatModel.newClient(settings), OpenAiDialect.MISTRAL);
            case AZURE_OPENAI -> new OpenAiCompatibleChatModel(settings, OpenAiCompatibleChatModel.newClient(settings),
                    OpenAiDialect.azure(text(config, "api_version")));
            case ANTHROPIC -> new AnthropicChatModel(settings);
            case GEMINI -> new GeminiChatModel(settings);
            case OLLAMA -> new OllamaChatModel(settings, config.has("num_ctx") ? config.get("num_ctx").asInt() : null,
                    text(config, "keep_alive"));
            case LOCAL_GGUF -> throw new IllegalStateException("handled above");
        };
    }

    /** Where and how to reach an HTTP provider: its base URL, decrypted key, model and timeouts. */
    public OpenAiSettings settings(ModelProvider provider, String model, JsonNode config) {
        return new OpenAiSettings(
                provider.getBaseUrl(),
                cipher.decrypt(provider.getApiKeyCiphertext()),
                model == null || model.isBlank() ? provider.getDefaultModel() : model,
                seconds(config, "connect_timeout_seconds"),
                seconds(config, "timeout_seconds"),
                seconds(config, "idle_timeout_seconds"));
    }

    static LocalGgufSettings localSettings(String path, JsonNode config) {
        return new LocalGgufSettings(Path.of(path), config.path("context_size").asInt(0), config.path("threads").asInt(0),
                config.path("gpu_layers").asInt(0), config.path("max_tokens").asInt(0));
    }

    /** Parses a provider's {@code config_json}; throws IllegalArgumentException naming the problem. */
    public static JsonNode config(String configJson) {
        if (configJson == null || configJson.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(configJson);
            if (!node.isObject()) {
                throw new IllegalArgumentException("the provider config must be a JSON object, got: " + configJson);
            }
            for (Map.Entry<String, String> field : NUMBER_FIELDS.entrySet()) {
                String key = field.getKey();
                boolean zeroAllowed = key.equals("gpu_layers") || key.equals("threads");
                if (node.has(key) && (!node.get(key).isNumber() || node.get(key).asDouble() < 0 || (!zeroAllowed && node.get(key).asDouble() == 0))) {
                    throw new IllegalArgumentException("the provider config field " + key + " must be a positive number of " + field.getValue());
                }
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the provider config is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode config, String key) {
        JsonNode value = config.path(key);
        return value.isString() && !value.stringValue().isBlank() ? value.stringValue().strip() : value.isNumber() ? value.asString() : null;
    }

    private static Duration seconds(JsonNode config, String key) {
        return config.has(key) ? Duration.ofMillis(Math.round(config.get(key).asDouble() * 1000)) : null;
    }
}
