package dev.weft.knowledge.extract;

/** A file someone wants to add to a dataset, as far as the checks before reading it need: its name and size. */
public record UploadCandidate(String filename, long sizeBytes) {}
