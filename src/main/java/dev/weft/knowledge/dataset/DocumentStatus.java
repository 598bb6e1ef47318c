package dev.weft.knowledge.dataset;

/** Dify's indexing statuses. The first five are the queue: a document in one of them is (re)processed. */
public enum DocumentStatus {
    WAITING, PARSING, CLEANING, SPLITTING, INDEXING, COMPLETED, ERROR, PAUSED;

    public String value() {
        return name().toLowerCase();
    }

    public boolean inQueue() {
        return ordinal() <= INDEXING.ordinal();
    }

    public boolean finished() {
        return this == COMPLETED || this == ERROR;
    }
}
