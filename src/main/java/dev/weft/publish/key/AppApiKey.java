package dev.weft.publish.key;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A Service API key of one app. Only the SHA-256 of the secret is stored, with a hint such as {@code app-…x7Qa}. */
@Entity
@Table(name = "app_api_key")
@AttributeOverride(name = "ownerId", column = @Column(name = "app_id", nullable = false))
public class AppApiKey extends StoredApiKey {

    protected AppApiKey() {}

    AppApiKey(String appId, String tokenHash, String tokenHint, String createdBy) {
        super(appId, tokenHash, tokenHint, createdBy);
    }

    public String getAppId() {
        return getOwnerId();
    }
}
