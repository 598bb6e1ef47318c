package dev.weft.knowledge.retrieve;

import dev.weft.knowledge.retrieve.RetrievalSettings.RerankModelRef;

/** Finds the server and credentials of a rerank model's provider. */
@FunctionalInterface
public interface RerankEndpoints {

    /** Throws {@link dev.weft.model.ModelException} naming the provider when there is no such provider. */
    RerankEndpoint find(RerankModelRef model);
}
