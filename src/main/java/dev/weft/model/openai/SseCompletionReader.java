package dev.weft.model.openai;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatResponse;
import dev.weft.model.TokenUsage;
import dev.weft.model.ToolCall;
import dev.weft.model.http.LineExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a streamed chat completion: server-sent events whose {@code data:} lines hold
 * {@code chat.completion.chunk} objects, ending with {@code data: [DONE]}. Each text delta goes to the
 * callback as soon as its line arrives; usage comes from the chunk that carries it (an estimate when none does).
 * Tool calls arrive in pieces keyed by {@code index}: the first names the id and function, later ones add argument text.
 */
final class SseCompletionReader {

    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";
    /** How long the body's end may follow {@code [DONE]} and still keep the connection for the next call. */
    private static final Duration END_GRACE = Duration.ofMillis(250);

    private final JsonMapper json;
    private final String target;
    private final StringBuilder text = new StringBuilder();
    private TokenUsage usage;
    private String finishReason;
    private final Map<Integer, String[]> toolCalls = new TreeMap<>(); // index -> {id, name, arguments}

    SseCompletionReader(JsonMapper json, String target) {
        this.json = json;
        this.target = target;
    }

    ChatResponse read(LineExchange exchange, Duration idleTimeout, Consumer<String> onToken, List<ChatMessage> sent)
            throws InterruptedException {
        for (String line = exchange.nextLine(idleTimeout); line != null; line = exchange.nextLine(idleTimeout)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            if (!line.startsWith(DATA)) {
                continue; // blank separators, ": comments", event: and id: fields
            }
            String data = line.substring(DATA.length()).strip();
            if (data.equals(DONE)) {
                exchange.awaitEnd(END_GRACE);
                break;
            }
            if (!data.isEmpty()) {
                accept(CompletionReplies.parse(json, data, target), onToken);
            }
        }
        String whole = text.toString();
        List<ToolCall> calls = new ArrayList<>();
        toolCalls.values().forEach(c -> calls.add(new ToolCall(c[0], c[1], c[2])));
        return new ChatResponse(whole, usage == null ? CompletionReplies.estimate(sent, whole) : usage, finishReason, calls);
    }

    private void accept(JsonNode chunk, Consumer<String> onToken) {
        TokenUsage chunkUsage = CompletionReplies.usageOf(chunk.path("usage"));
        if (chunkUsage != null) {
            usage = chunkUsage;
        }
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isMissingNode()) {
            return;
        }
        String delta = CompletionReplies.textOf(choice.path("delta").path("content"));
        if (!delta.isEmpty()) {
            text.append(delta);
            onToken.accept(delta);
        }
        for (JsonNode call : choice.path("delta").path("tool_calls")) {
            String[] c = toolCalls.computeIfAbsent(call.path("index").asInt(toolCalls.size()), i -> new String[] {"", "", ""});
            String id = CompletionReplies.textOf(call.path("id"));
            if (!id.isEmpty()) {
                c[0] = id;
            }
            JsonNode function = call.path("function");
            c[1] = c[1] + CompletionReplies.textOf(function.path("name"));
            c[2] = c[2] + CompletionReplies.textOf(function.path("arguments"));
        }
        String reason = CompletionReplies.textOf(choice.path("finish_reason"));
        if (!reason.isEmpty()) {
            finishReason = reason;
        }
    }
}
