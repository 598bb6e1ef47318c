package dev.weft.api.console;

import dev.weft.publish.key.ListedApiKey;
import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An API key as the console API shows it, in Dify's shape: {@code type} is {@code app} or {@code dataset}, and
 * {@code token} is the secret in the response that created the key, its hint everywhere else.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ApiKeyResponse(String id, String type, String token, Instant createdAt, Instant lastUsedAt) {

    /** The key; {@code token} is its secret when it was just created, else null (the hint is shown). */
    static ApiKeyResponse of(ListedApiKey key, String type, String token) {
        return new ApiKeyResponse(key.id(), type, token == null ? key.hint() : token, key.createdAt(), key.lastUsedAt());
    }
}
