package dev.weft.knowledge.dataset;

/** Where a document came from (Dify's data_source_type). */
public enum DocumentSourceType {
    UPLOAD_FILE, WEBSITE, TEXT;

    public String value() {
        return name().toLowerCase();
    }
}
