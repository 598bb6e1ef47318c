package dev.weft.knowledge.retrieve;

/** Dify's search methods. */
public enum RetrievalMethod { SEMANTIC_SEARCH, FULL_TEXT_SEARCH, HYBRID_SEARCH }
