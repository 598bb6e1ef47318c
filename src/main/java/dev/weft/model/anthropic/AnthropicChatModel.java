package dev.weft.model.anthropic;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModel;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import dev.weft.model.ToolCall;
import dev.weft.model.ToolSpec;
import dev.weft.model.http.JsonCalls;
import dev.weft.model.http.LineExchange;
import dev.weft.model.http.UpstreamErrors;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Claude model through Anthropic's native Messages API, {@code POST {base}/v1/messages} with the
 * {@code x-api-key} and {@code anthropic-version} headers.
 *
 * <ul>
 *   <li>System messages go into the top-level {@code system} field; consecutive messages of one role are merged,
 *       as the API wants user and assistant turns to alternate.
 *   <li>Tools go as {@code tools: [{name, description, input_schema}]}; the model's {@code tool_use} blocks become
 *       {@link ToolCall}s, and tool results go back as {@code tool_result} blocks in a user turn.
 *   <li>Structured output: the API has no response format, so a JSON schema becomes one forced tool,
 *       {@value #JSON_TOOL}, whose {@code input} is the answer: its JSON is the response text (streamed from the
 *       {@code input_json_delta} events). With other tools present, the schema is added to the system prompt instead,
 *       so the model can still call them.
 *   <li>Streaming reads the SSE events {@code message_start} (input tokens), {@code content_block_start},
 *       {@code content_block_delta} ({@code text_delta}, {@code input_json_delta}), {@code message_delta}
 *       (stop reason, output tokens), {@code message_stop}, and {@code error}.
 *   <li>{@code max_tokens} is required by the API: {@value #DEFAULT_MAX_TOKENS} unless the node sets it.
 * </ul>
 */
public final class AnthropicChatModel implements ChatModel {

    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final String API_VERSION = "2023-06-01";
    static final String JSON_TOOL = "structured_output";
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiSettings settings;
    private final HttpClient client;

    public AnthropicChatModel(OpenAiSettings settings) {
        this(settings, OpenAiCompatibleChatModel.newClient(settings));
    }

    public AnthropicChatModel(OpenAiSettings settings, HttpClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Consumer<String> onToken) throws ModelException {
        String model = settings.modelFor(request);
        boolean stream = onToken != null;
        boolean forcedJson = request.jsonSchema() != null && request.tools().isEmpty();
        String target = settings.baseUrl() + " (model " + model + ")";
        HttpRequest.Builder http = JsonCalls.post(URI.create(settings.baseUrl() + "/v1/messages"), settings.responseTimeout(),
                JsonCalls.accept(stream), payload(request, model, stream, forcedJson)).header("anthropic-version", API_VERSION);
        if (settings.apiKey() != null) {
            http.header("x-api-key", settings.apiKey());
        }
        try (LineExchange exchange = LineExchange.open(client, http.build(), target, settings.connectTimeout(),
                settings.responseTimeout(), settings.idleTimeout())) {
            if (stream) {
                return readStream(exchange, target, onToken, forcedJson);
            }
            return message(parse(exchange.readAll(settings.idleTimeout()), target), target, forcedJson);
        } catch (InterruptedException e) {
            throw UpstreamErrors.interrupted(target, e);
        }
    }

    static String payload(ChatRequest request, String model, boolean stream, boolean forcedJson) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        Object maxTokens = request.parameters().get("max_tokens");
        body.put("max_tokens", maxTokens instanceof Number n ? n.intValue() : DEFAULT_MAX_TOKENS);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = JSON.createArrayNode();
        for (ChatMessage m : request.messages()) {
            if ("system".equals(m.role())) {
                if (!system.isEmpty()) {
                    system.append("\n\n");
                }
                system.append(m.content() == null ? "" : m.content());
                continue;
            }
            String role = "assistant".equals(m.role()) ? "assistant" : "user";
            ArrayNode content = turn(messages, role);
            if (ChatMessage.TOOL.equals(m.role())) {
                content.addObject().put("type", "tool_result").put("tool_use_id", m.toolCallId())
                        .put("content", m.content() == null ? "" : m.content());
                continue;
            }
            if (m.content() != null && !m.content().isEmpty()) {
                content.addObject().put("type", "text").put("text", m.content());
            }
            for (ToolCall call : m.toolCalls()) {
                content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                        .set("input", JSON.valueToTree(call.argumentsMap()));
            }
        }
        if (request.jsonSchema() != null && !forcedJson) {
            system.append(system.isEmpty() ? "" : "\n\n").append("When you give your final answer, answer with only a JSON value that follows this JSON Schema:\n")
                    .append(JSON.writeValueAsString(request.bareJsonSchema()));
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        body.set("messages", messages);
        putNumber(body, "temperature", request.parameters().get("temperature"));
        putNumber(body, "top_p", request.parameters().get("top_p"));
        Object stop = request.parameters().get("stop");
        if (stop instanceof List<?> list && !list.isEmpty()) {
            body.set("stop_sequences", JSON.valueToTree(list));
        } else if (stop instanceof String s && !s.isBlank()) {
            body.putArray("stop_sequences").add(s);
        }
        if (!request.tools().isEmpty() || forcedJson) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode t = tools.addObject().put("name", tool.name()).put("description", tool.description());
                t.set("input_schema", JSON.valueToTree(tool.parameters()));
            }
            if (forcedJson) {
                ObjectNode t = tools.addObject().put("name", JSON_TOOL)
                        .put("description", "Give the final answer as JSON that follows this schema.");
                t.set("input_schema", JSON.valueToTree(objectSchema(request.bareJsonSchema())));
                body.putObject("tool_choice").put("type", "tool").put("name", JSON_TOOL);
            }
        }
        if (stream) {
            body.put("stream", true);
        }
        return JSON.writeValueAsString(body);
    }

    /** The content list of the last turn when it has {@code role}, else of a new turn. */
    private static ArrayNode turn(ArrayNode messages, String role) {
        if (!messages.isEmpty() && role.equals(messages.get(messages.size() - 1).path("role").asString())) {
            return (ArrayNode) messages.get(messages.size() - 1).get("content");
        }
        ObjectNode turn = messages.addObject().put("role", role);
        return turn.putArray("content");
    }

    /** Tool input schemas must be objects: a schema of another type is wrapped as the property {@code value}. */
    private static Map<String, Object> objectSchema(Map<String, Object> schema) {
        return "object".equals(schema.get("type")) ? schema
                : Map.of("type", "object", "properties", Map.of("value", schema), "required", List.of("value"));
    }

    private static void putNumber(ObjectNode body, String name, Object value) {
        if (value instanceof Number n) {
            body.put(name, n.doubleValue());
        }
    }

    private static JsonNode parse(String body, String target) {
        JsonNode root = JsonCalls.object(JSON, body, target);
        if ("error".equals(root.path("type").asString(""))) {
            throw new ModelException(target + " reported an error: " + UpstreamErrors.errorMessage(root, body), 0);
        }
        return root;
    }

    private static ChatResponse message(JsonNode root, String target, boolean forcedJson) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : root.path("content")) {
            switch (block.path("type").asString("")) {
                case "text" -> text.append(block.path("text").asString(""));
                case "tool_use" -> {
                    String input = block.path("input").isMissingNode() ? "{}" : JSON.writeValueAsString(block.path("input"));
                    if (forcedJson && JSON_TOOL.equals(block.path("name").asString())) {
                        text.setLength(0);
                        text.append(input);
                    } else {
                        calls.add(new ToolCall(block.path("id").asString(""), block.path("name").asString(""), input));
                    }
                }
                default -> { } // thinking and other blocks are not part of the answer
            }
        }
        if (root.path("content").isMissingNode()) {
            throw new ModelException(target + " replied without content: " + UpstreamErrors.abbreviate(root.toString()), 0);
        }
        JsonNode usage = root.path("usage");
        long in = usage.path("input_tokens").asLong(0) + usage.path("cache_read_input_tokens").asLong(0)
                + usage.path("cache_creation_input_tokens").asLong(0);
        long out = usage.path("output_tokens").asLong(0);
        String stop = root.path("stop_reason").asString(null);
        return new ChatResponse(text.toString(), new TokenUsage(in, out, in + out), forcedJson && "tool_use".equals(stop) ? "end_turn" : stop, calls);
    }

    private ChatResponse readStream(LineExchange exchange, String target, Consumer<String> onToken, boolean forcedJson)
            throws InterruptedException {
        StringBuilder text = new StringBuilder();
        Map<Integer, String[]> tools = new TreeMap<>(); // index -> {id, name, json}
        long in = 0;
        long out = 0;
        String stop = null;
        // event: lines repeat the type that the data carries
        for (String data = exchange.nextEventData(settings.idleTimeout()); data != null; data = exchange.nextEventData(settings.idleTimeout())) {
            JsonNode event = parseEvent(data, target);
            switch (event.path("type").asString("")) {
                case "message_start" -> {
                    JsonNode usage = event.path("message").path("usage");
                    in = usage.path("input_tokens").asLong(0) + usage.path("cache_read_input_tokens").asLong(0)
                            + usage.path("cache_creation_input_tokens").asLong(0);
                    out = usage.path("output_tokens").asLong(0);
                }
                case "content_block_start" -> {
                    JsonNode block = event.path("content_block");
                    if ("tool_use".equals(block.path("type").asString())) {
                        tools.put(event.path("index").asInt(), new String[] {block.path("id").asString(""), block.path("name").asString(""), ""});
                    } else if ("text".equals(block.path("type").asString()) && !block.path("text").asString("").isEmpty()) {
                        emit(text, block.path("text").asString(), onToken);
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = event.path("delta");
                    switch (delta.path("type").asString("")) {
                        case "text_delta" -> emit(text, delta.path("text").asString(""), onToken);
                        case "input_json_delta" -> {
                            String[] tool = tools.get(event.path("index").asInt());
                            if (tool == null) {
                                throw new ModelException(target + " streamed tool input for a block it never started", 0);
                            }
                            String part = delta.path("partial_json").asString("");
                            tool[2] += part;
                            if (forcedJson && JSON_TOOL.equals(tool[1]) && !part.isEmpty()) {
                                emit(text, part, onToken);
                            }
                        }
                        default -> { } // thinking and signature deltas
                    }
                }
                case "message_delta" -> {
                    if (event.path("delta").has("stop_reason")) {
                        stop = event.path("delta").path("stop_reason").asString(null);
                    }
                    if (event.path("usage").has("output_tokens")) {
                        out = event.path("usage").path("output_tokens").asLong(out);
                    }
                    if (event.path("usage").has("input_tokens")) {
                        in = event.path("usage").path("input_tokens").asLong(in);
                    }
                }
                case "error" -> throw new ModelException(target + " reported an error mid-stream: "
                        + UpstreamErrors.errorMessage(event, data), streamErrorStatus(event));
                default -> { } // ping, content_block_stop, message_stop
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (String[] t : tools.values()) {
            if (!(forcedJson && JSON_TOOL.equals(t[1]))) {
                calls.add(new ToolCall(t[0], t[1], t[2]));
            }
        }
        return new ChatResponse(text.toString(), new TokenUsage(in, out, in + out), forcedJson && "tool_use".equals(stop) ? "end_turn" : stop, calls);
    }

    /** The HTTP status Anthropic gives the error type of an error event, so retries treat it alike; 0 when unknown. */
    private static int streamErrorStatus(JsonNode event) {
        return switch (event.path("error").path("type").asString("")) {
            case "overloaded_error" -> 529;
            case "rate_limit_error" -> 429;
            case "api_error" -> 500;
            default -> 0;
        };
    }

    private static void emit(StringBuilder text, String delta, Consumer<String> onToken) {
        if (!delta.isEmpty()) {
            text.append(delta);
            onToken.accept(delta);
        }
    }

    private static JsonNode parseEvent(String data, String target) {
        try {
            return JSON.readTree(data);
        } catch (JacksonException e) {
            throw new ModelException(target + " streamed an event that is not JSON: " + UpstreamErrors.abbreviate(data), e);
        }
    }
}
