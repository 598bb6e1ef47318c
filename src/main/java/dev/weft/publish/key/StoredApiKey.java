package dev.weft.publish.key;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.UUID;

/**
 * What every API key row holds, whatever it opens: the SHA-256 of the secret (never the secret), a hint such as
 * {@code app-…x7Qa}, who made it, when, and when it was last used. The owner is an app or a workspace; each entity maps
 * {@code ownerId} to its own column ({@code app_id}, {@code workspace_id}).
 */
@MappedSuperclass
public abstract class StoredApiKey {

    @Id
    private String id;

    @Column(name = "owner_id", nullable = false)
    private String ownerId;

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

    protected StoredApiKey() {}

    StoredApiKey(String ownerId, String tokenHash, String tokenHint, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.ownerId = ownerId;
        this.tokenHash = tokenHash;
        this.tokenHint = tokenHint;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    String getOwnerId() {
        return ownerId;
    }

    String getTokenHash() {
        return tokenHash;
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
