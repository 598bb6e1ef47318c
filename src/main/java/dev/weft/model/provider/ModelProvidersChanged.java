package dev.weft.model.provider;

/** Published after a provider was created, changed or deleted, so cached clients are dropped. */
public record ModelProvidersChanged(String providerId) {}
