package dev.weft.model.provider;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A configured model provider (one named credential): its {@link ProviderType type}, where its server lives (for a
 * local GGUF provider, the model file's path) and the (encrypted) key to call it. Nodes find it by
 * {@link #getName() name}; several providers of one type with different keys are several named credentials.
 * The key is kept only as {@code SecretCipher} ciphertext.
 */
@Entity
@Table(name = "model_provider")
public class ModelProvider {

    /** The default type: anything speaking OpenAI's {@code /chat/completions}. See {@link ProviderType} for all. */
    public static final String OPENAI_COMPATIBLE = "openai-compatible";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "workspace_id", length = 36)
    private String workspaceId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "provider_type", nullable = false, length = 40)
    private String providerType;

    @Column(name = "base_url", nullable = false, length = 500)
    private String baseUrl;

    @Column(name = "api_key_ciphertext", length = 2000)
    private String apiKeyCiphertext;

    @Column(name = "default_model", length = 200)
    private String defaultModel;

    @Column(name = "config_json", length = 10000)
    private String configJson;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ModelProvider() {}

    ModelProvider(String id, String workspaceId, Instant createdAt) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String getId() { return id; }
    public String getWorkspaceId() { return workspaceId; }
    public String getName() { return name; }
    public String getProviderType() { return providerType; }
    public String getBaseUrl() { return baseUrl; }
    public String getApiKeyCiphertext() { return apiKeyCiphertext; }
    public String getDefaultModel() { return defaultModel; }
    public String getConfigJson() { return configJson; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    void setName(String name) { this.name = name; }
    void setProviderType(String providerType) { this.providerType = providerType; }
    void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    void setApiKeyCiphertext(String apiKeyCiphertext) { this.apiKeyCiphertext = apiKeyCiphertext; }
    void setDefaultModel(String defaultModel) { this.defaultModel = defaultModel; }
    void setConfigJson(String configJson) { this.configJson = configJson; }
    void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
}
