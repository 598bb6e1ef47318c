package dev.weft.model.provider;

import java.time.Instant;

/** A provider as shown to people: the API key only masked ({@code sk-ab****yz}), or null when none is stored. */
public record ModelProviderView(
        String id,
        String workspaceId,
        String name,
        String providerType,
        String baseUrl,
        String maskedApiKey,
        String defaultModel,
        String configJson,
        Instant createdAt,
        Instant updatedAt) {}
