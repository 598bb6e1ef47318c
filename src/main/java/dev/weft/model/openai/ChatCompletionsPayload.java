package dev.weft.model.openai;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatRequest;
import dev.weft.model.ToolCall;
import dev.weft.model.ToolSpec;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the JSON body of a {@code POST /chat/completions} call from a {@link ChatRequest}. */
final class ChatCompletionsPayload {

    /** The {@code completion_params} an OpenAI-compatible server understands; others are left out. */
    static final List<String> PARAMETERS =
            List.of("temperature", "top_p", "max_tokens", "presence_penalty", "frequency_penalty", "stop", "seed");

    private static final String DEFAULT_SCHEMA_NAME = "structured_output";

    private ChatCompletionsPayload() {}

    static String build(JsonMapper json, ChatRequest request, String model, boolean stream) {
        return build(json, request, model, stream, OpenAiDialect.COMPATIBLE);
    }

    static String build(JsonMapper json, ChatRequest request, String model, boolean stream, OpenAiDialect dialect) {
        ObjectNode body = json.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            ObjectNode message = messages.addObject().put("role", m.role());
            if (ChatMessage.TOOL.equals(m.role())) {
                message.put("tool_call_id", m.toolCallId()).put("content", m.content() == null ? "" : m.content());
                continue;
            }
            if (m.toolCalls().isEmpty()) {
                message.put("content", m.content() == null ? "" : m.content());
            } else {
                if (m.content() == null || m.content().isEmpty()) {
                    message.putNull("content");
                } else {
                    message.put("content", m.content());
                }
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall call : m.toolCalls()) {
                    calls.addObject().put("id", call.id()).put("type", "function")
                            .putObject("function").put("name", call.name()).put("arguments", call.arguments());
                }
            }
        }
        for (String name : PARAMETERS) {
            Object value = request.parameters().get(name);
            if (value != null && !(value instanceof String s && s.isBlank()) && !(value instanceof List<?> l && l.isEmpty())) {
                String field = switch (name) {
                    case "seed" -> dialect.seedField();
                    case "max_tokens" -> dialect.maxTokensField();
                    default -> name;
                };
                body.set(field, json.valueToTree(value));
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                function.set("parameters", json.valueToTree(tool.parameters()));
            }
        }
        if (request.jsonSchema() != null) {
            body.set("response_format", responseFormat(json, request.jsonSchema()));
        }
        if (stream) {
            body.put("stream", true);
            if (dialect.streamOptions()) {
                body.putObject("stream_options").put("include_usage", true);
            }
        }
        return json.writeValueAsString(body);
    }

    /**
     * {@code jsonSchema} is either the schema itself or OpenAI's wrapper {@code {name, schema, strict}}.
     * Strict mode stays off unless asked for: it rejects the schemas Dify apps usually carry.
     */
    private static ObjectNode responseFormat(JsonMapper json, Map<String, Object> jsonSchema) {
        ObjectNode format = json.createObjectNode().put("type", "json_schema");
        ObjectNode spec = format.putObject("json_schema");
        boolean wrapped = jsonSchema.get("schema") instanceof Map<?, ?> && jsonSchema.containsKey("name");
        spec.put("name", wrapped ? String.valueOf(jsonSchema.get("name")) : DEFAULT_SCHEMA_NAME);
        spec.set("schema", json.valueToTree(wrapped ? jsonSchema.get("schema") : jsonSchema));
        spec.put("strict", wrapped && Boolean.TRUE.equals(jsonSchema.get("strict")));
        return format;
    }
}
