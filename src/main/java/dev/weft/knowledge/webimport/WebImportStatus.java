package dev.weft.knowledge.webimport;

import jakarta.persistence.AttributeConverter;

/** Where a web import stands. {@code INTERRUPTED}: Weft stopped while it ran; it can be started again. */
public enum WebImportStatus {
    RUNNING, COMPLETED, ERROR, INTERRUPTED;

    public String value() {
        return name().toLowerCase();
    }

    /** Stored in lower case. */
    @jakarta.persistence.Converter
    static class Column implements AttributeConverter<WebImportStatus, String> {
        public String convertToDatabaseColumn(WebImportStatus v) {
            return v == null ? null : v.value();
        }

        public WebImportStatus convertToEntityAttribute(String v) {
            return v == null ? null : WebImportStatus.valueOf(v.toUpperCase());
        }
    }
}
