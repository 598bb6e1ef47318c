package dev.weft.publish.key;

/** A dataset key just created: {@code token} is the secret, shown this once and never again. */
public record CreatedDatasetApiKey(DatasetApiKeyView key, String token) {}
