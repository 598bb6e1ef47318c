package dev.weft.knowledge.chunk;

/** A span {@code [start, end)} of the text that is never split further, and its token count. */
record Piece(int start, int end, int tokens) {}
