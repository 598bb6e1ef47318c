package dev.weft.publish.key;

/** Knowledge API keys. */
public interface DatasetApiKeyRepository extends ApiKeyRepository<DatasetApiKey> {}
