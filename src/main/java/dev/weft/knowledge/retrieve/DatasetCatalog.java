package dev.weft.knowledge.retrieve;

import java.util.Optional;

/** What retrieval needs to know about a dataset: its name and the embedding model its index was built with. */
public interface DatasetCatalog {

    Optional<DatasetInfo> find(String datasetId);

    record DatasetInfo(String id, String name, String embeddingModelId) {}
}
