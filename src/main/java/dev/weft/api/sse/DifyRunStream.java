package dev.weft.api.sse;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.run.AppRunService.StartedRun;
import dev.weft.run.RetrieverResourceCollector;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one run as Dify's event stream: the workflow events of {@link DifyEventMapper} and, for chat
 * apps, {@code message} events for the answer text and {@code message_end} (with usage) before
 * {@code workflow_finished}; chat events also carry {@code conversation_id}, {@code message_id} and
 * {@code created_at}, as Dify's chatflow does. A ping goes out after {@link #PING_INTERVAL} without events.
 * The stream ends after {@code workflow_finished}, or after the {@code error} event of a failed run, once
 * the run's records are saved. A client that goes away does not stop the run.
 */
public final class DifyRunStream {

    /** How long the stream may stay silent before a ping. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DifyRunStream.class);

    private final StartedRun run;
    private final RunEventQueue events;
    private final DifyEventMapper mapper;
    private final boolean chat;
    private TokenUsageSummary usage = TokenUsageSummary.NONE;
    private final RetrieverResourceCollector citations = new RetrieverResourceCollector();
    private long createdAtSeconds = System.currentTimeMillis() / 1000;

    private DifyRunStream(StartedRun run, RunEventQueue events) {
        this.run = run;
        this.events = events;
        this.mapper = new DifyEventMapper(run.taskId(), run.workflowId());
        this.chat = run.mode() != null && run.mode().isChat();
    }

    /**
     * Starts streaming {@code run} on a virtual thread and returns the response to hand to Spring.
     * {@code events} must be the listener (or part of it) the run was started with; {@code timeout} bounds
     * how long the response may stay open.
     */
    public static SseEventWriter start(StartedRun run, RunEventQueue events, Duration timeout) {
        SseEventWriter writer = new SseEventWriter(timeout);
        DifyRunStream stream = new DifyRunStream(run, events);
        Thread.ofVirtual().name("sse-" + run.taskId()).start(() -> stream.pump(writer));
        return writer;
    }

    private void pump(SseEventWriter writer) {
        try {
            boolean ended = false;
            while (!ended) {
                RunEvent event = events.poll(PING_INTERVAL);
                if (event != null) {
                    ended = write(event, writer);
                } else if (run.handle().isDone() && (event = events.poll()) != null) {
                    ended = write(event, writer);
                } else if (run.handle().isDone()) {
                    writer.data(crashed());
                    ended = true;
                } else {
                    writer.ping();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.complete();
            return;
        } catch (IOException | IllegalStateException e) {
            log.debug("client of run {} went away: {}", run.runId(), e.toString());
            return;
        }
        awaitRecords();
        writer.complete();
    }

    /** Writes the frames for one event; true when it ends the stream. */
    private boolean write(RunEvent event, SseEventWriter writer) throws IOException {
        switch (event) {
            case RunEvent.WorkflowStarted e -> {
                createdAtSeconds = e.createdAt() / 1000;
                writer.data(chatFields(mapper.map(e)));
                return false;
            }
            case RunEvent.NodeFinished e -> {
                usage = usage.plus(e.usage());
                citations.onEvent(e);
                writer.data(chatFields(mapper.map(e)));
                return false;
            }
            case RunEvent.TextChunk e when chat -> {
                Map<String, Object> message = chatEvent("message");
                message.put("answer", e.text());
                message.put("from_variable_selector", e.fromSelector());
                writer.data(message);
                return false;
            }
            case RunEvent.WorkflowFinished e -> {
                if (chat && e.status() != RunStatus.FAILED) {
                    Map<String, Object> end = chatEvent("message_end");
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("usage", DifyUsage.of(usage, e.elapsedMillis()));
                    metadata.put("retriever_resources", citations.resources());
                    end.put("metadata", metadata);
                    writer.data(end);
                }
                writer.data(chatFields(mapper.map(e)));
                return e.status() != RunStatus.FAILED;
            }
            case RunEvent.Error e -> {
                writer.data(chatFields(mapper.map(e)));
                return true;
            }
            default -> {
                writer.data(chatFields(mapper.map(event)));
                return false;
            }
        }
    }

    /** {@code event, task_id, id, message_id, conversation_id, created_at} of a chat message event. */
    private Map<String, Object> chatEvent(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", name);
        m.put("task_id", run.taskId());
        m.put("id", run.messageId());
        m.put("message_id", run.messageId());
        m.put("conversation_id", run.conversationId());
        m.put("created_at", createdAtSeconds);
        return m;
    }

    /** Chatflow events carry the conversation and message they belong to. */
    private Map<String, Object> chatFields(Map<String, Object> event) {
        if (chat) {
            event.put("conversation_id", run.conversationId());
            event.put("message_id", run.messageId());
            event.putIfAbsent("created_at", createdAtSeconds);
        }
        return event;
    }

    /** The error event for a run that ended without a word: the engine itself crashed. */
    private Map<String, Object> crashed() {
        String message;
        try {
            run.handle().result().join();
            message = "the run ended without reporting how";
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            message = "the run crashed: " + cause;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "error");
        m.put("task_id", run.taskId());
        m.put("workflow_run_id", run.runId());
        m.put("status", 500);
        m.put("code", "internal_server_error");
        m.put("message", message);
        return chatFields(m);
    }

    /** Waits until the run's message and conversation records are saved, so a client reading them next finds them. */
    private void awaitRecords() {
        try {
            run.completion().join();
        } catch (CompletionException | CancellationException e) {
            log.warn("run {} did not finish cleanly: {}", run.runId(), e.toString());
        }
    }
}
