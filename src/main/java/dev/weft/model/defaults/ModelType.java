package dev.weft.model.defaults;

import java.util.Locale;

/** The kinds of model a workspace can set a default for, as Dify's "System Model Settings" names them. */
public enum ModelType {
    /** Used by new LLM, question-classifier and parameter-extractor nodes. */
    CHAT,
    /** Used by new knowledge bases to embed their chunks. */
    EMBEDDING,
    /** Used by new knowledge bases to rerank retrieval results. */
    RERANK;

    /** The value stored in the database: {@code chat}, {@code embedding}, {@code rerank}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelType of(String value) {
        for (ModelType t : values()) {
            if (t.value().equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown model type '" + value + "'; expected chat, embedding or rerank");
    }
}
