package dev.weft.api.service;

import java.util.List;
import java.util.Map;

/** Whether a JSON value fits a conversation variable's {@code value_type} (string, number, object, boolean, array[…]). */
final class ConversationVariableTypes {

    private ConversationVariableTypes() {}

    static boolean fits(String valueType, Object value) {
        if (value == null) {
            return false;
        }
        String type = valueType == null ? "string" : valueType;
        if (type.startsWith("array[") && type.endsWith("]")) {
            String element = type.substring("array[".length(), type.length() - 1);
            return value instanceof List<?> list && list.stream().allMatch(e -> fits(element, e));
        }
        return switch (type) {
            case "string", "secret" -> value instanceof String;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "object" -> value instanceof Map<?, ?>;
            default -> true;
        };
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "an array";
        }
        return value.getClass().getSimpleName();
    }
}
