package dev.weft.model.gemini;

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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Gemini model through Google's Generative Language API: {@code POST {base}/v1beta/models/{model}:generateContent},
 * or {@code :streamGenerateContent?alt=sse} when streaming, with the key in the {@code x-goog-api-key} header.
 *
 * <ul>
 *   <li>Messages become {@code contents} of role {@code user} or {@code model} made of {@code parts}; system messages
 *       go into {@code systemInstruction}.
 *   <li>Tools go as {@code tools: [{functionDeclarations: [...]}]}; {@code functionCall} parts become
 *       {@link ToolCall}s (with a generated id when Gemini sends none), and results go back as
 *       {@code functionResponse} parts ({@code response} is the result when it is a JSON object, else
 *       {@code {"result": text}}).
 *   <li>Structured output: {@code generationConfig.responseMimeType = application/json} with the schema as
 *       {@code responseSchema} (less the JSON-Schema keywords Gemini's OpenAPI subset refuses).
 *   <li>Usage comes from {@code usageMetadata}; streamed chunks each carry the running totals.
 * </ul>
 */
public final class GeminiChatModel implements ChatModel {

    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";

    /** JSON-Schema keywords outside Gemini's schema subset, dropped from response schemas and tool parameters. */
    private static final Set<String> UNSUPPORTED = Set.of("$schema", "$id", "additionalProperties", "$defs", "definitions", "strict");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiSettings settings;
    private final HttpClient client;

    public GeminiChatModel(OpenAiSettings settings) {
        this(settings, OpenAiCompatibleChatModel.newClient(settings));
    }

    public GeminiChatModel(OpenAiSettings settings, HttpClient client) {
        this.settings = settings;
        this.client = client;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Consumer<String> onToken) throws ModelException {
        String model = settings.modelFor(request);
        model = model.startsWith("models/") ? model.substring("models/".length()) : model;
        boolean stream = onToken != null;
        String target = settings.baseUrl() + " (model " + model + ")";
        String path = "/v1beta/models/" + URLEncoder.encode(model, StandardCharsets.UTF_8).replace("%3A", ":")
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
        HttpRequest.Builder http = JsonCalls.post(URI.create(settings.baseUrl() + path), settings.responseTimeout(),
                JsonCalls.accept(stream), payload(request));
        if (settings.apiKey() != null) {
            http.header("x-goog-api-key", settings.apiKey());
        }
        try (LineExchange exchange = LineExchange.open(client, http.build(), target, settings.connectTimeout(),
                settings.responseTimeout(), settings.idleTimeout())) {
            Reply reply = new Reply(target);
            if (stream) {
                for (String data = exchange.nextEventData(settings.idleTimeout()); data != null;
                        data = exchange.nextEventData(settings.idleTimeout())) {
                    reply.accept(parse(data, target), onToken);
                }
            } else {
                reply.accept(parse(exchange.readAll(settings.idleTimeout()), target), null);
            }
            return reply.response();
        } catch (InterruptedException e) {
            throw UpstreamErrors.interrupted(target, e);
        }
    }

    static String payload(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        StringBuilder system = new StringBuilder();
        ArrayNode contents = body.putArray("contents");
        for (ChatMessage m : request.messages()) {
            if ("system".equals(m.role())) {
                system.append(system.isEmpty() ? "" : "\n\n").append(m.content() == null ? "" : m.content());
                continue;
            }
            String role = "assistant".equals(m.role()) ? "model" : "user";
            ArrayNode parts;
            JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
            if (last != null && role.equals(last.path("role").asString())) {
                parts = (ArrayNode) last.get("parts");
            } else {
                parts = contents.addObject().put("role", role).putArray("parts");
            }
            if (ChatMessage.TOOL.equals(m.role())) {
                ObjectNode response = parts.addObject().putObject("functionResponse");
                response.put("name", m.toolName());
                response.set("response", toolResponse(m.content()));
                continue;
            }
            if (m.content() != null && !m.content().isEmpty()) {
                parts.addObject().put("text", m.content());
            }
            for (ToolCall call : m.toolCalls()) {
                ObjectNode fc = parts.addObject().putObject("functionCall");
                fc.put("name", call.name());
                fc.set("args", JSON.valueToTree(call.argumentsMap()));
            }
        }
        if (!system.isEmpty()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolSpec tool : request.tools()) {
                ObjectNode d = declarations.addObject().put("name", tool.name()).put("description", tool.description());
                d.set("parameters", clean(JSON.valueToTree(tool.parameters())));
            }
        }
        ObjectNode config = JSON.createObjectNode();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("temperature", "temperature");
        names.put("top_p", "topP");
        names.put("max_tokens", "maxOutputTokens");
        names.put("presence_penalty", "presencePenalty");
        names.put("frequency_penalty", "frequencyPenalty");
        names.put("seed", "seed");
        names.forEach((from, to) -> {
            if (request.parameters().get(from) instanceof Number n) {
                config.set(to, JSON.valueToTree(n));
            }
        });
        Object stop = request.parameters().get("stop");
        if (stop instanceof List<?> list && !list.isEmpty()) {
            config.set("stopSequences", JSON.valueToTree(list));
        } else if (stop instanceof String s && !s.isBlank()) {
            config.putArray("stopSequences").add(s);
        }
        if (request.jsonSchema() != null) {
            config.put("responseMimeType", "application/json");
            config.set("responseSchema", clean(JSON.valueToTree(request.bareJsonSchema())));
        }
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        return JSON.writeValueAsString(body);
    }

    private static JsonNode toolResponse(String content) {
        String text = content == null ? "" : content;
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (JacksonException notJson) {
            // a plain text result
        }
        return JSON.createObjectNode().put("result", text);
    }

    /** A copy of {@code schema} without the keywords Gemini refuses, at every depth. */
    static JsonNode clean(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (var entry : schema.properties()) {
                if (!UNSUPPORTED.contains(entry.getKey())) {
                    out.set(entry.getKey(), clean(entry.getValue()));
                }
            }
            return out;
        }
        if (schema.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            schema.forEach(item -> out.add(clean(item)));
            return out;
        }
        return schema;
    }

    private static JsonNode parse(String body, String target) {
        JsonNode root = JsonCalls.object(JSON, body, target);
        if (root.path("error").isObject()) {
            throw new ModelException(target + " reported an error: " + UpstreamErrors.errorMessage(root, body),
                    root.path("error").path("code").asInt(0));
        }
        return root;
    }

    /** Collects the text, function calls, finish reason and usage of one reply or of all chunks of a stream. */
    private static final class Reply {

        private final String target;
        private final StringBuilder text = new StringBuilder();
        private final List<ToolCall> calls = new ArrayList<>();
        private String finishReason;
        private TokenUsage usage;
        private boolean anyCandidate;

        Reply(String target) {
            this.target = target;
        }

        void accept(JsonNode chunk, Consumer<String> onToken) {
            JsonNode candidate = chunk.path("candidates").path(0);
            if (!candidate.isMissingNode()) {
                anyCandidate = true;
                for (JsonNode part : candidate.path("content").path("parts")) {
                    if (part.path("thought").asBoolean(false)) {
                        continue;
                    }
                    if (part.has("text")) {
                        String delta = part.path("text").asString("");
                        if (!delta.isEmpty()) {
                            text.append(delta);
                            if (onToken != null) {
                                onToken.accept(delta);
                            }
                        }
                    }
                    if (part.has("functionCall")) {
                        JsonNode fc = part.path("functionCall");
                        String id = fc.path("id").asString("");
                        calls.add(new ToolCall(id.isEmpty() ? "call_" + (calls.size() + 1) : id, fc.path("name").asString(""),
                                fc.path("args").isObject() ? JSON.writeValueAsString(fc.path("args")) : "{}"));
                    }
                }
                if (candidate.has("finishReason")) {
                    finishReason = candidate.path("finishReason").asString(null);
                }
            }
            JsonNode meta = chunk.path("usageMetadata");
            if (meta.isObject()) {
                long prompt = meta.path("promptTokenCount").asLong(0);
                long completion = meta.path("candidatesTokenCount").asLong(0) + meta.path("thoughtsTokenCount").asLong(0);
                usage = new TokenUsage(prompt, completion, meta.path("totalTokenCount").asLong(prompt + completion));
            }
            String blocked = chunk.path("promptFeedback").path("blockReason").asString("");
            if (!blocked.isEmpty()) {
                throw new ModelException(target + " blocked the prompt: " + blocked, 400);
            }
        }

        ChatResponse response() {
            if (!anyCandidate) {
                throw new ModelException(target + " replied without candidates", 0);
            }
            return new ChatResponse(text.toString(), usage == null ? TokenUsage.NONE : usage, finishReason, calls);
        }
    }
}
