package dev.weft.model.openai;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatResponse;
import dev.weft.model.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a streamed chat completion: server-sent events whose {@code data:} lines hold
 * {@code chat.completion.chunk} objects, ending with {@code data: [DONE]}. Each text delta goes to the
 * callback as soon as its line arrives; usage comes from the chunk that carries it (an estimate when none does).
 */
final class SseCompletionReader {

    private static final String DATA = "data:";
    private static final String DONE = "[DONE]";

    private final JsonMapper json;
    private final String target;
    private final StringBuilder text = new StringBuilder();
    private TokenUsage usage;
    private String finishReason;

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
                break;
            }
            if (!data.isEmpty()) {
                accept(CompletionReplies.parse(json, data, target), onToken);
            }
        }
        String whole = text.toString();
        return new ChatResponse(whole, usage == null ? CompletionReplies.estimate(sent, whole) : usage, finishReason);
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
        String reason = CompletionReplies.textOf(choice.path("finish_reason"));
        if (!reason.isEmpty()) {
            finishReason = reason;
        }
    }
}
