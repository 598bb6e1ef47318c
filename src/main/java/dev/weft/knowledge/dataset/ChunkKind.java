package dev.weft.knowledge.dataset;

/** A general-mode chunk, or a parent or child in parent-child mode. Chunks and children are embedded. */
public enum ChunkKind {
    CHUNK, PARENT, CHILD;

    public boolean embedded() {
        return this != PARENT;
    }
}
