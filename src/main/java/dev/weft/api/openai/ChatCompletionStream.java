package dev.weft.api.openai;

import dev.weft.api.sse.DifyRunStream;
import dev.weft.api.sse.RunEventQueue;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.run.AppRunService.StartedRun;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one run as OpenAI {@code chat.completion.chunk}s: a first chunk with the assistant role, one chunk
 * per piece of answer text as it arrives, a closing chunk with {@code finish_reason: "stop"}, the usage chunk
 * when asked for, then {@code [DONE]}. A failed run ends with OpenAI's {@code {error:{…}}} object.
 */
final class ChatCompletionStream {

    private static final Logger log = LoggerFactory.getLogger(ChatCompletionStream.class);

    private final StartedRun run;
    private final RunEventQueue events;
    private final String model;
    private final boolean includeUsage;
    private final String id;
    private final long created = System.currentTimeMillis() / 1000;
    private TokenUsageSummary usage = TokenUsageSummary.NONE;

    private ChatCompletionStream(StartedRun run, RunEventQueue events, String model, boolean includeUsage) {
        this.run = run;
        this.events = events;
        this.model = model;
        this.includeUsage = includeUsage;
        this.id = "chatcmpl-" + run.messageId();
    }

    static OpenAiStreamWriter start(StartedRun run, RunEventQueue events, String model, boolean includeUsage, Duration timeout) {
        OpenAiStreamWriter writer = new OpenAiStreamWriter(timeout);
        ChatCompletionStream stream = new ChatCompletionStream(run, events, model, includeUsage);
        Thread.ofVirtual().name("openai-" + run.taskId()).start(() -> stream.pump(writer));
        return writer;
    }

    private void pump(OpenAiStreamWriter writer) {
        try {
            writer.chunk(chunk(Map.of("role", "assistant", "content", ""), null));
            boolean ended = false;
            while (!ended) {
                RunEvent event = events.poll(DifyRunStream.PING_INTERVAL);
                if (event == null) {
                    if (run.handle().isDone() && (event = events.poll()) == null) {
                        writer.chunk(error("the run ended without reporting how"));
                        break;
                    }
                    if (event == null) {
                        writer.keepAlive();
                        continue;
                    }
                }
                ended = write(event, writer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            log.debug("OpenAI client of run {} went away: {}", run.runId(), e.toString());
            return;
        }
        try {
            run.completion().join();
        } catch (CompletionException e) {
            log.warn("run {} did not finish cleanly: {}", run.runId(), e.toString());
        }
        writer.complete();
    }

    private boolean write(RunEvent event, OpenAiStreamWriter writer) throws IOException {
        switch (event) {
            case RunEvent.TextChunk e -> {
                writer.chunk(chunk(Map.of("content", e.text()), null));
                return false;
            }
            case RunEvent.NodeFinished e -> {
                if (e.usage() != null) {
                    usage = usage.plus(e.usage());
                }
                return false;
            }
            case RunEvent.WorkflowFinished e when e.status() != RunStatus.FAILED -> {
                writer.chunk(chunk(Map.of(), "stop"));
                if (includeUsage) {
                    Map<String, Object> u = base();
                    u.put("choices", List.of());
                    u.put("usage", ChatCompletionsController.usage(usage));
                    writer.chunk(u);
                }
                writer.done();
                return true;
            }
            case RunEvent.Error e -> {
                writer.chunk(error(e.message()));
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private Map<String, Object> chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> m = base();
        m.put("choices", List.of(choice));
        if (includeUsage) {
            m.put("usage", null);
        }
        return m;
    }

    private Map<String, Object> base() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", "chat.completion.chunk");
        m.put("created", created);
        m.put("model", model);
        m.put("system_fingerprint", null);
        return m;
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("message", "the app's run failed: " + message);
        e.put("type", "server_error");
        e.put("param", null);
        e.put("code", "completion_request_error");
        return Map.of("error", e);
    }
}
