package dev.weft.knowledge.chunk;

import java.util.List;

/**
 * One chunk of a document, numbered from 0 in document order. In parent-child mode a chunk is a parent and
 * {@code children} are the pieces that get embedded; in general mode {@code children} is empty.
 */
public record TextChunk(int position, String content, int tokens, List<TextChunk> children) {

    public TextChunk {
        children = children == null ? List.of() : List.copyOf(children);
    }

    public TextChunk(int position, String content, int tokens) {
        this(position, content, tokens, List.of());
    }
}
