package dev.weft.publish.key;

/** App API keys. */
public interface AppApiKeyRepository extends ApiKeyRepository<AppApiKey> {}
