package dev.weft.app.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An app constant readable as {@code {{#env.name#}}}. {@code valueType} is {@code string}, {@code number}
 * or {@code secret}. A secret's value is stored encrypted (see {@code security.SecretCipher}) and is
 * blanked on export.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentVariable(String id, String name, String valueType, Object value, String description) {

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isSecret() {
        return "secret".equals(valueType);
    }

    public EnvironmentVariable withValue(Object newValue) {
        return new EnvironmentVariable(id, name, valueType, newValue, description);
    }
}
