package dev.weft.knowledge.dataset;

/** Who searched a dataset (Dify's dataset_queries.source): a retrieval test, or an app's knowledge retrieval node. */
public enum DatasetQuerySource {
    HIT_TESTING, APP;

    public String value() {
        return name().toLowerCase();
    }
}
