package dev.weft.publish.key;

/** A key just created: {@code token} is the secret, shown this once and never again. */
public record CreatedApiKey(ApiKeyView key, String token) {}
