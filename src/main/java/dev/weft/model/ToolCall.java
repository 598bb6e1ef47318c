package dev.weft.model;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model's request to call a tool: the provider's call {@code id} (sent back with the result; providers that
 * have none get a generated one), the tool {@code name} and its {@code arguments} as JSON object text.
 */
public record ToolCall(String id, String name, String arguments) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ToolCall {
        arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    }

    /** The arguments parsed; throws {@link ModelException} when the model sent something other than a JSON object. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> argumentsMap() {
        try {
            Object parsed = JSON.readValue(arguments, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw new ModelException("the model called the tool '" + name + "' with arguments that are not a JSON object: " + arguments, 0);
    }
}
