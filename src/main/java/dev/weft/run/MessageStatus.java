package dev.weft.run;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** A chat message is {@code running} while its run goes, then {@code normal} or {@code error} (Dify's names). */
public enum MessageStatus {
    RUNNING("running"),
    NORMAL("normal"),
    ERROR("error");

    private final String value;

    MessageStatus(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<MessageStatus, String> {
        @Override
        public String convertToDatabaseColumn(MessageStatus status) {
            return status == null ? null : status.value;
        }

        @Override
        public MessageStatus convertToEntityAttribute(String value) {
            for (MessageStatus s : values()) {
                if (s.value.equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown message status '" + value + "'");
        }
    }
}
