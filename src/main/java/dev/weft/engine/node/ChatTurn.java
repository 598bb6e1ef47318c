package dev.weft.engine.node;

/** One earlier exchange of a conversation, for LLM node memory. */
public record ChatTurn(String query, String answer) {}
