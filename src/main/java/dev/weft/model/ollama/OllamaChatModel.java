package dev.weft.model.ollama;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A model served by Ollama through its native {@code POST {base}/api/chat}; streaming replies are NDJSON, one
 * JSON object per line, the last with {@code done: true} and the token counts.
 *
 * <p>Why the native API and not Ollama's OpenAI-compatible {@code /v1}: only the native one takes
 * {@code options.num_ctx}. Through {@code /v1} every model runs with Ollama's default context window and longer
 * prompts are cut without an error, which breaks knowledge-base prompts silently. The native API also takes a JSON
 * schema as {@code format} and {@code keep_alive}. Set {@code num_ctx} and {@code keep_alive} in the provider's config.
 *
 * <p>Tools go as {@code tools: [{type: function, function}]}; {@code message.tool_calls} come back with their
 * arguments as an object (Ollama gives no call id, so one is generated). Tool results are {@code tool} messages with
 * {@code tool_name}.
 */
public final class OllamaChatModel implements ChatModel {

    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:11434";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OpenAiSettings settings;
    private final HttpClient client;
    private final Integer numCtx;
    private final String keepAlive;

    public OllamaChatModel(OpenAiSettings settings, Integer numCtx, String keepAlive) {
        this(settings, OpenAiCompatibleChatModel.newClient(settings), numCtx, keepAlive);
    }

    public OllamaChatModel(OpenAiSettings settings, HttpClient client, Integer numCtx, String keepAlive) {
        this.settings = settings;
        this.client = client;
        this.numCtx = numCtx;
        this.keepAlive = keepAlive;
    }

    /** {@code http://host:11434/v1} (the OpenAI-style URL people often paste) becomes {@code http://host:11434}. */
    public static String nativeBase(String baseUrl) {
        return baseUrl.endsWith("/v1") ? baseUrl.substring(0, baseUrl.length() - 3) : baseUrl;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Consumer<String> onToken) throws ModelException {
        String model = settings.modelFor(request);
        boolean stream = onToken != null;
        String base = nativeBase(settings.baseUrl());
        String target = base + " (model " + model + ")";
        HttpRequest.Builder http = JsonCalls.post(URI.create(base + "/api/chat"), settings.responseTimeout(),
                stream ? "application/x-ndjson" : "application/json", payload(request, model, stream));
        if (settings.apiKey() != null) {
            http.header("Authorization", "Bearer " + settings.apiKey()); // Ollama behind a proxy, or ollama.com
        }
        try (LineExchange exchange = LineExchange.open(client, http.build(), target, settings.connectTimeout(),
                settings.responseTimeout(), settings.idleTimeout())) {
            StringBuilder text = new StringBuilder();
            List<ToolCall> calls = new ArrayList<>();
            JsonNode last = null;
            if (stream) {
                for (String line = exchange.nextLine(settings.idleTimeout()); line != null; line = exchange.nextLine(settings.idleTimeout())) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException();
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    last = parse(line, target);
                    String delta = last.path("message").path("content").asString("");
                    if (!delta.isEmpty()) {
                        text.append(delta);
                        onToken.accept(delta);
                    }
                    addCalls(last, calls);
                }
                if (last == null || !last.path("done").asBoolean(false)) {
                    throw new ModelException(target + " ended its stream before the final (done) line", 0);
                }
            } else {
                last = parse(exchange.readAll(settings.idleTimeout()), target);
                text.append(last.path("message").path("content").asString(""));
                addCalls(last, calls);
            }
            long prompt = last.path("prompt_eval_count").asLong(0);
            long completion = last.path("eval_count").asLong(0);
            return new ChatResponse(text.toString(), new TokenUsage(prompt, completion, prompt + completion),
                    last.path("done_reason").asString(null), calls);
        } catch (InterruptedException e) {
            throw UpstreamErrors.interrupted(target, e);
        }
    }

    String payload(ChatRequest request, String model, boolean stream) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            ObjectNode message = messages.addObject().put("role", m.role()).put("content", m.content() == null ? "" : m.content());
            if (ChatMessage.TOOL.equals(m.role()) && m.toolName() != null) {
                message.put("tool_name", m.toolName());
            }
            if (!m.toolCalls().isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall call : m.toolCalls()) {
                    ObjectNode function = calls.addObject().putObject("function").put("name", call.name());
                    function.set("arguments", JSON.valueToTree(call.argumentsMap()));
                }
            }
        }
        body.put("stream", stream);
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description());
                function.set("parameters", JSON.valueToTree(tool.parameters()));
            }
        }
        if (request.jsonSchema() != null) {
            body.set("format", JSON.valueToTree(request.bareJsonSchema()));
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put("temperature", "temperature");
        names.put("top_p", "top_p");
        names.put("max_tokens", "num_predict");
        names.put("presence_penalty", "presence_penalty");
        names.put("frequency_penalty", "frequency_penalty");
        names.put("seed", "seed");
        ObjectNode options = JSON.createObjectNode();
        names.forEach((from, to) -> {
            if (request.parameters().get(from) instanceof Number n) {
                options.set(to, JSON.valueToTree(n));
            }
        });
        Object stop = request.parameters().get("stop");
        if (stop instanceof List<?> list && !list.isEmpty()) {
            options.set("stop", JSON.valueToTree(list));
        } else if (stop instanceof String s && !s.isBlank()) {
            options.putArray("stop").add(s);
        }
        if (numCtx != null) {
            options.put("num_ctx", numCtx);
        }
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        if (keepAlive != null) {
            body.put("keep_alive", keepAlive);
        }
        return JSON.writeValueAsString(body);
    }

    private static void addCalls(JsonNode reply, List<ToolCall> calls) {
        for (JsonNode call : reply.path("message").path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            String id = call.path("id").asString("");
            calls.add(new ToolCall(id.isEmpty() ? "call_" + (calls.size() + 1) : id, function.path("name").asString(""),
                    arguments.isObject() ? JSON.writeValueAsString(arguments) : arguments.asString("{}")));
        }
    }

    private static JsonNode parse(String body, String target) {
        JsonNode root = JsonCalls.object(JSON, body, target);
        if (root.has("error")) {
            throw new ModelException(target + " reported an error: " + UpstreamErrors.errorMessage(root, body), 0);
        }
        return root;
    }
}
