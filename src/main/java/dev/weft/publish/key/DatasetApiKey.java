package dev.weft.publish.key;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A Knowledge API key of one workspace ({@code dataset-…}): it reaches every knowledge base of the workspace. Only the
 * SHA-256 of the secret is stored, with a hint such as {@code dataset-…x7Qa}.
 */
@Entity
@Table(name = "dataset_api_key")
@AttributeOverride(name = "ownerId", column = @Column(name = "workspace_id", nullable = false))
public class DatasetApiKey extends StoredApiKey {

    protected DatasetApiKey() {}

    DatasetApiKey(String workspaceId, String tokenHash, String tokenHint, String createdBy) {
        super(workspaceId, tokenHash, tokenHint, createdBy);
    }

    public String getWorkspaceId() {
        return getOwnerId();
    }
}
