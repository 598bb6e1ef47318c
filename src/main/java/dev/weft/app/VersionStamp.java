package dev.weft.app;

import java.time.Instant;

/** A version row's id, number and last change, without its definition (cheap to read on every run). */
public record VersionStamp(String id, int version, Instant updatedAt) {}
