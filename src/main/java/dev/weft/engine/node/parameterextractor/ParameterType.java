package dev.weft.engine.node.parameterextractor;

import java.util.Arrays;
import java.util.Optional;

/** The parameter types Dify's extractor knows, with the JSON schema type each is asked for as. */
enum ParameterType {
    STRING("string", "string", null),
    NUMBER("number", "number", null),
    BOOL("bool", "boolean", null),
    BOOLEAN("boolean", "boolean", null),
    SELECT("select", "string", null),
    ARRAY_STRING("array[string]", "array", STRING),
    ARRAY_NUMBER("array[number]", "array", NUMBER),
    ARRAY_OBJECT("array[object]", "array", null),
    ARRAY_BOOLEAN("array[boolean]", "array", BOOLEAN);

    static final String NAMES = "string, number, bool, boolean, select, array[string], array[number], array[object], array[boolean]";

    private final String value;
    private final String jsonType;
    private final ParameterType element;

    ParameterType(String value, String jsonType, ParameterType element) {
        this.value = value;
        this.jsonType = jsonType;
        this.element = element;
    }

    static Optional<ParameterType> of(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst();
    }

    String value() {
        return value;
    }

    String jsonType() {
        return jsonType;
    }

    boolean isArray() {
        return jsonType.equals("array");
    }

    /** The element type of an array, or null for {@code array[object]} and scalars. */
    ParameterType element() {
        return element;
    }

    /** The JSON schema type of an array's items. */
    String itemJsonType() {
        return this == ARRAY_OBJECT ? "object" : element == null ? null : element.jsonType;
    }
}
