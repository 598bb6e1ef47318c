package dev.weft.publish.key;

import java.time.Instant;

/** A dataset key as lists show it: never the secret, only its hint ({@code dataset-…x7Qa}). */
public record DatasetApiKeyView(String id, String workspaceId, String hint, String createdBy, Instant createdAt,
        Instant lastUsedAt) implements ListedApiKey {

    static DatasetApiKeyView of(DatasetApiKey key) {
        return new DatasetApiKeyView(key.getId(), key.getWorkspaceId(), key.getTokenHint(), key.getCreatedBy(),
                key.getCreatedAt(), key.getLastUsedAt());
    }
}
