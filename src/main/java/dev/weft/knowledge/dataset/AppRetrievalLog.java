package dev.weft.knowledge.dataset;

/**
 * Keeps the searches of apps' knowledge retrieval nodes in the searched datasets' retrieval history. Implementations
 * write off the caller's thread: recording costs the node no database write.
 */
public interface AppRetrievalLog {

    void record(AppRetrieval retrieval);
}
