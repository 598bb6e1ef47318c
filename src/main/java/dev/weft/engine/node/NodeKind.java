package dev.weft.engine.node;

/** How the engine treats a node, after Dify's execution types. */
public enum NodeKind {
    /** The entry point of a graph or sub-graph. */
    ROOT,
    EXECUTABLE,
    /** Chooses one outgoing handle; the edges of the others are skipped. */
    BRANCH,
    /** Answer and End: their text is streamed as the referenced variables arrive. */
    RESPONSE,
    /** Iteration: runs the nodes inside it. */
    CONTAINER
}
