package dev.weft.knowledge.dataset;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Enum columns stored in lower case, as Dify spells them. */
final class EnumColumns {

    private EnumColumns() {}

    @Converter
    static class Status implements AttributeConverter<DocumentStatus, String> {
        public String convertToDatabaseColumn(DocumentStatus v) {
            return v == null ? null : v.value();
        }

        public DocumentStatus convertToEntityAttribute(String v) {
            return v == null ? null : DocumentStatus.valueOf(v.toUpperCase());
        }
    }

    @Converter
    static class Source implements AttributeConverter<DocumentSourceType, String> {
        public String convertToDatabaseColumn(DocumentSourceType v) {
            return v == null ? null : v.value();
        }

        public DocumentSourceType convertToEntityAttribute(String v) {
            return v == null ? null : DocumentSourceType.valueOf(v.toUpperCase());
        }
    }

    @Converter
    static class Kind implements AttributeConverter<ChunkKind, String> {
        public String convertToDatabaseColumn(ChunkKind v) {
            return v == null ? null : v.name().toLowerCase();
        }

        public ChunkKind convertToEntityAttribute(String v) {
            return v == null ? null : ChunkKind.valueOf(v.toUpperCase());
        }
    }

    @Converter
    static class Permission implements AttributeConverter<DatasetPermission, String> {
        public String convertToDatabaseColumn(DatasetPermission v) {
            return v == null ? null : v.value();
        }

        public DatasetPermission convertToEntityAttribute(String v) {
            return v == null ? null : DatasetPermission.of(v);
        }
    }

    @Converter
    static class QuerySource implements AttributeConverter<DatasetQuerySource, String> {
        public String convertToDatabaseColumn(DatasetQuerySource v) {
            return v == null ? null : v.value();
        }

        public DatasetQuerySource convertToEntityAttribute(String v) {
            return v == null ? null : DatasetQuerySource.valueOf(v.toUpperCase());
        }
    }
}
