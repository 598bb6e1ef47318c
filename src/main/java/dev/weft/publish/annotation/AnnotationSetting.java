package dev.weft.publish.annotation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An app's annotation reply switch: on or off, the similarity a question needs, and the embedding model. */
@Entity
@Table(name = "app_annotation_setting")
public class AnnotationSetting {

    @Id
    @Column(name = "app_id")
    private String appId;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "score_threshold", nullable = false)
    private double scoreThreshold;

    @Column(name = "embedding_provider_name")
    private String embeddingProviderName;

    @Column(name = "embedding_model_name")
    private String embeddingModelName;

    @Column(name = "embedding_model", nullable = false)
    private String embeddingModel;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AnnotationSetting() {}

    AnnotationSetting(String appId) {
        this.appId = appId;
        this.updatedAt = Instant.now();
    }

    void enable(double threshold, String providerName, String modelName, String modelId) {
        this.enabled = true;
        this.scoreThreshold = threshold;
        this.embeddingProviderName = providerName;
        this.embeddingModelName = modelName;
        this.embeddingModel = modelId;
        this.updatedAt = Instant.now();
    }

    void disable() {
        this.enabled = false;
        this.updatedAt = Instant.now();
    }

    public String getAppId() {
        return appId;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public double getScoreThreshold() {
        return scoreThreshold;
    }

    public String getEmbeddingProviderName() {
        return embeddingProviderName;
    }

    public String getEmbeddingModelName() {
        return embeddingModelName;
    }

    public String getEmbeddingModel() {
        return embeddingModel;
    }
}
