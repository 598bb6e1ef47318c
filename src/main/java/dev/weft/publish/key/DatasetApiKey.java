package dev.weft.publish.key;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A Knowledge API key of one workspace ({@code dataset-…}): it reaches every knowledge base of the workspace. Only the
 * SHA-256 of the secret is stored, with a hint such as {@code dataset-…x7Qa}.
 */
@Entity
@Table(name = "dataset_api_key")
public class DatasetApiKey {

    @Id
    private String id;

    @Column(name = "workspace_id", nullable = false)
    private String workspaceId;

    @Column(name = "token_hash", nullable = false)
    private String tokenHash;

    @Column(name = "token_hint", nullable = false)
    private String tokenHint;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected DatasetApiKey() {}

    DatasetApiKey(String workspaceId, String tokenHash, String tokenHint, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.workspaceId = workspaceId;
        this.tokenHash = tokenHash;
        this.tokenHint = tokenHint;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    public String getTokenHint() {
        return tokenHint;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }
}
