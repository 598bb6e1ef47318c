package dev.weft.engine.variable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Conversions between the plain Java values of a run and text, numbers, booleans and JSON. */
public final class Values {

    /** Stands for a null value inside maps that cannot hold null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Values() {}

    /** Brings a value to the pool's plain forms: JSON trees and collections become Maps and Lists. */
    public static Object normalize(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof JsonNode node) {
            return node.isNull() || node.isMissingNode() ? NULL : JSON.convertValue(node, Object.class);
        }
        if (value instanceof Collection<?> c && !(value instanceof List<?>)) {
            return new ArrayList<>(c);
        }
        return value;
    }

    /** The field or list element named by one selector segment, or null. */
    static Object child(Object value, String key) {
        if (value instanceof Map<?, ?> map) {
            return map.get(key);
        }
        if (value instanceof List<?> list && key.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(key);
            return i < list.size() ? list.get(i) : null;
        }
        if (value instanceof FileValue file) {
            return JSON.convertValue(file, Map.class).get(key);
        }
        return null;
    }

    /** The text a value shows in a template: strings as they are, whole numbers without ".0", the rest as JSON. */
    public static String toText(Object value) {
        if (value == null || value == NULL) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal d = new BigDecimal(value.toString());
            return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return JSON.writeValueAsString(value);
    }

    /** A number from a Number, a numeric string or a boolean; null when the value is not numeric. */
    public static BigDecimal toNumber(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Number n) {
            return n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue()) : BigDecimal.valueOf(n.longValue());
        }
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** What kind of value this is, in words for error messages: "text", "a number", "a list", ... */
    public static String describeType(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "text";
            case Number n -> "a number";
            case Boolean b -> "a boolean";
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            case FileValue f -> "a file";
            default -> value == NULL ? "null" : "a " + value.getClass().getSimpleName();
        };
    }

    /** Null, "", an empty list or an empty map. */
    public static boolean isEmpty(Object value) {
        return value == null || value == NULL
                || (value instanceof String s && s.isEmpty())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    /** Parses JSON text into plain values, or returns the text itself when it is not JSON. */
    public static Object parseJsonOrText(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (RuntimeException e) {
            return text;
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        return value == null ? new LinkedHashMap<>() : JSON.convertValue(value, Map.class);
    }
}
