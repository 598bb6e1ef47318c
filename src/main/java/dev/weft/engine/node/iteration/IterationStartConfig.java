package dev.weft.engine.node.iteration;

/** The {@code data} of an {@code iteration-start} node: nothing the engine reads. */
public record IterationStartConfig() {}
