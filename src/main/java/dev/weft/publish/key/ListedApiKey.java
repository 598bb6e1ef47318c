package dev.weft.publish.key;

import java.time.Instant;

/** A key as a list shows it, whatever it opens: never the secret, only its hint ({@code app-…x7Qa}). */
public interface ListedApiKey {

    String id();

    String hint();

    Instant createdAt();

    Instant lastUsedAt();
}
