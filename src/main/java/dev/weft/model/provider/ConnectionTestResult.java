package dev.weft.model.provider;

/** The outcome of sending a tiny chat request to a provider: {@code message} says what went wrong, or what came back. */
public record ConnectionTestResult(boolean ok, String model, String message, long millis) {}
