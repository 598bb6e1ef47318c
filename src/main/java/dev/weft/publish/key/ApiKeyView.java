package dev.weft.publish.key;

import java.time.Instant;

/** An app key as lists show it: never the secret, only its hint ({@code app-…x7Qa}). */
public record ApiKeyView(String id, String appId, String hint, Instant createdAt, Instant lastUsedAt) implements ListedApiKey {

    static ApiKeyView of(AppApiKey key) {
        return new ApiKeyView(key.getId(), key.getAppId(), key.getTokenHint(), key.getCreatedAt(), key.getLastUsedAt());
    }
}
