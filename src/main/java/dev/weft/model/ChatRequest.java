package dev.weft.model;

import java.util.List;
import java.util.Map;

/**
 * A call to a chat model. {@code parameters} holds Dify's {@code completion_params} (temperature, top_p,
 * max_tokens, presence_penalty, frequency_penalty, stop, seed); {@code jsonSchema}, when set, asks for
 * structured output that follows it; {@code tools} are the tools the model may call (empty: none).
 */
public record ChatRequest(
        String model, List<ChatMessage> messages, Map<String, Object> parameters, Map<String, Object> jsonSchema, List<ToolSpec> tools) {

    public ChatRequest {
        messages = List.copyOf(messages);
        parameters = parameters == null ? Map.of() : parameters;
        tools = tools == null ? List.of() : List.copyOf(tools);
    }

    public ChatRequest(String model, List<ChatMessage> messages, Map<String, Object> parameters, Map<String, Object> jsonSchema) {
        this(model, messages, parameters, jsonSchema, List.of());
    }

    public ChatRequest(String model, List<ChatMessage> messages) {
        this(model, messages, null, null);
    }

    /** {@code jsonSchema} unwrapped from OpenAI's {@code {name, schema, strict}} wrapper when it is one; null when none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> bareJsonSchema() {
        if (jsonSchema != null && jsonSchema.get("schema") instanceof Map<?, ?> inner && jsonSchema.containsKey("name")) {
            return (Map<String, Object>) inner;
        }
        return jsonSchema;
    }
}
