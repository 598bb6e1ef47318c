package dev.weft.model;

import java.util.List;
import java.util.Map;

/**
 * A call to a chat model. {@code parameters} holds Dify's {@code completion_params} (temperature, top_p,
 * max_tokens, presence_penalty, frequency_penalty, stop, seed); {@code jsonSchema}, when set, asks for
 * structured output that follows it.
 */
public record ChatRequest(String model, List<ChatMessage> messages, Map<String, Object> parameters, Map<String, Object> jsonSchema) {

    public ChatRequest {
        messages = List.copyOf(messages);
        parameters = parameters == null ? Map.of() : parameters;
    }

    public ChatRequest(String model, List<ChatMessage> messages) {
        this(model, messages, null, null);
    }
}
