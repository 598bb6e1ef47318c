package dev.weft.knowledge.dataset;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata written with each chunk of a document: Dify's built-in fields ({@code document_name},
 * {@code uploader}, {@code upload_date}, {@code last_update_date}, {@code source}) and the document's own fields.
 */
public final class ChunkMetadata {

    private ChunkMetadata() {}

    public static Map<String, String> of(DatasetDocument doc) {
        Map<String, String> m = new LinkedHashMap<>(doc.getMetadata());
        m.put("document_name", doc.getName());
        if (doc.getCreatedBy() != null) {
            m.put("uploader", doc.getCreatedBy());
        }
        m.put("upload_date", doc.getCreatedAt().atOffset(ZoneOffset.UTC).toString());
        m.put("last_update_date", doc.getUpdatedAt().atOffset(ZoneOffset.UTC).toString());
        m.put("source", doc.getSourceType().value());
        if (doc.getSourceUrl() != null) {
            m.put("url", doc.getSourceUrl());
        }
        return m;
    }
}
