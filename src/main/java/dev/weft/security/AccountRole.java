package dev.weft.security;

import java.util.Arrays;

/** What an account may do in its workspace, named as in Dify. */
public enum AccountRole {
    OWNER("owner"),
    ADMIN("admin"),
    EDITOR("editor"),
    NORMAL("normal");

    private final String value;

    AccountRole(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static AccountRole of(String value) {
        return Arrays.stream(values())
                .filter(r -> r.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown account role '" + value + "'; expected one of owner, admin, editor, normal"));
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter implements jakarta.persistence.AttributeConverter<AccountRole, String> {
        @Override
        public String convertToDatabaseColumn(AccountRole role) {
            return role == null ? null : role.value;
        }

        @Override
        public AccountRole convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
