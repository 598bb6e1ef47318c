package dev.weft.model;

/** A model's whole answer with the tokens it used. */
public record ChatResponse(String text, TokenUsage usage, String finishReason) {}
