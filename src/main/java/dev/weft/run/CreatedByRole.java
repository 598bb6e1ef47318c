package dev.weft.run;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Who started a run: a console account (debugging) or an end user of the API or web app. */
public enum CreatedByRole {
    ACCOUNT("account"),
    END_USER("end_user");

    private final String value;

    CreatedByRole(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<CreatedByRole, String> {
        @Override
        public String convertToDatabaseColumn(CreatedByRole role) {
            return role == null ? null : role.value;
        }

        @Override
        public CreatedByRole convertToEntityAttribute(String value) {
            for (CreatedByRole r : values()) {
                if (r.value.equals(value)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown created_by_role '" + value + "'");
        }
    }
}
