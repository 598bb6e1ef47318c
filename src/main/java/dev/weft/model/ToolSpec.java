package dev.weft.model;

import java.util.Map;

/**
 * A tool the model may call: {@code name} (letters, digits, {@code _} and {@code -}), what it does, and its
 * arguments as a JSON Schema object ({@code {"type": "object", "properties": {...}, "required": [...]}}).
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {

    public ToolSpec {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a tool name must be 1 to 64 letters, digits, '_' or '-', got '" + name + "'");
        }
        description = description == null ? "" : description;
        parameters = parameters == null ? Map.of("type", "object", "properties", Map.of()) : parameters;
    }
}
