package dev.weft.model.defaults;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The stored row behind a {@link DefaultModel}: one per workspace and model type. */
@Entity
@Table(name = "workspace_default_model")
class WorkspaceDefaultModel {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "workspace_id", nullable = false, length = 36)
    private String workspaceId;

    @Column(name = "model_type", nullable = false, length = 20)
    private String modelType;

    @Column(name = "provider_id", length = 36)
    private String providerId;

    @Column(nullable = false, length = 200)
    private String model;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WorkspaceDefaultModel() {}

    WorkspaceDefaultModel(String workspaceId, ModelType type) {
        this.id = UUID.randomUUID().toString();
        this.workspaceId = workspaceId;
        this.modelType = type.value();
    }

    void set(String providerId, String model) {
        this.providerId = providerId;
        this.model = model;
        this.updatedAt = Instant.now();
    }

    String getWorkspaceId() { return workspaceId; }

    String getProviderId() { return providerId; }

    DefaultModel toValue() {
        return new DefaultModel(ModelType.of(modelType), providerId, model);
    }
}
