package dev.weft.api.service;

import dev.weft.api.sse.DifyEventMapper;
import dev.weft.api.sse.DifyUsage;
import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.run.AppRunService.StartedRun;
import dev.weft.run.RetrieverResourceCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one run's engine events into the Service API's event sequence for the app's mode (dify-reference §3.4-3.6):
 * <ul>
 * <li>chat and completion: {@code message}* then {@code message_end}; a failure ends with {@code error};</li>
 * <li>advanced-chat: the workflow events with {@code message}* for the answer, {@code message_end} before
 *     {@code workflow_finished}; a failure is {@code workflow_finished{status:failed}} then {@code error};</li>
 * <li>workflow: the workflow events with {@code text_chunk}; a failure adds {@code error}.</li>
 * </ul>
 * Not thread-safe: its caller serialises events.
 */
final class ServiceEventTranslator {

    private final StartedRun run;
    private final AppMode mode;
    private final String messageId;
    private final DifyEventMapper mapper;
    private final RetrieverResourceCollector citations = new RetrieverResourceCollector();
    private TokenUsageSummary usage = TokenUsageSummary.NONE;
    private long createdAtSeconds = System.currentTimeMillis() / 1000;
    private boolean ended;

    ServiceEventTranslator(StartedRun run) {
        this.run = run;
        this.mode = run.mode();
        this.messageId = mode == AppMode.COMPLETION ? run.runId() : run.messageId();
        this.mapper = new DifyEventMapper(run.taskId(), run.workflowId());
    }

    /** True once the event that ends the stream ({@code message_end}, {@code workflow_finished} or {@code error}) was made. */
    boolean ended() {
        return ended;
    }

    List<Map<String, Object>> translate(RunEvent event) {
        List<Map<String, Object>> out = new ArrayList<>(2);
        if (event instanceof RunEvent.WorkflowStarted e) {
            createdAtSeconds = e.createdAt() / 1000;
        }
        if (event instanceof RunEvent.NodeFinished e) {
            if (e.usage() != null) {
                usage = usage.plus(e.usage());
            }
            citations.onEvent(e);
        }
        switch (mode) {
            case CHAT, COMPLETION -> basic(event, out);
            case ADVANCED_CHAT -> chatflow(event, out);
            case WORKFLOW -> workflow(event, out);
        }
        return out;
    }

    /** The {@code error} event of a run that ended without its closing event (the engine crashed). */
    Map<String, Object> crashed(String message) {
        ended = true;
        return error(500, "internal_server_error", message);
    }

    private void basic(RunEvent event, List<Map<String, Object>> out) {
        switch (event) {
            case RunEvent.TextChunk e -> out.add(message(e.text(), null));
            case RunEvent.WorkflowFinished e when e.status() != RunStatus.FAILED -> {
                out.add(messageEnd(e.elapsedMillis()));
                ended = true;
            }
            case RunEvent.Error e -> {
                out.add(error(400, "completion_request_error", e.message()));
                ended = true;
            }
            default -> {
                // the chatbot and text generator streams carry no workflow events
            }
        }
    }

    private void chatflow(RunEvent event, List<Map<String, Object>> out) {
        switch (event) {
            case RunEvent.TextChunk e -> out.add(message(e.text(), e.fromSelector()));
            case RunEvent.WorkflowFinished e -> {
                if (e.status() != RunStatus.FAILED) {
                    out.add(messageEnd(e.elapsedMillis()));
                    ended = true;
                }
                out.add(chatFields(mapper.map(e)));
            }
            case RunEvent.Error e -> {
                out.add(chatFields(mapper.map(e)));
                ended = true;
            }
            default -> out.add(chatFields(mapper.map(event)));
        }
    }

    private void workflow(RunEvent event, List<Map<String, Object>> out) {
        out.add(mapper.map(event));
        if (event instanceof RunEvent.WorkflowFinished e && e.status() != RunStatus.FAILED || event instanceof RunEvent.Error) {
            ended = true;
        }
    }

    private Map<String, Object> message(String text, List<String> fromSelector) {
        Map<String, Object> m = messageEvent("message");
        m.put("answer", text);
        if (fromSelector != null && mode == AppMode.ADVANCED_CHAT) {
            m.put("from_variable_selector", fromSelector);
        }
        return m;
    }

    private Map<String, Object> messageEnd(long elapsedMillis) {
        Map<String, Object> m = messageEvent("message_end");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("usage", DifyUsage.of(usage, elapsedMillis));
        metadata.put("retriever_resources", citations.resources());
        if (run.presetReply() != null) {
            metadata.put("annotation_reply", ServiceResponses.annotationReply(run.presetReply()));
        }
        m.put("metadata", metadata);
        return m;
    }

    private Map<String, Object> error(int status, String code, String message) {
        Map<String, Object> m = messageEvent("error");
        m.remove("id");
        if (mode == AppMode.WORKFLOW) {
            m.remove("message_id");
            m.put("workflow_run_id", run.runId());
        }
        m.put("status", status);
        m.put("code", code);
        m.put("message", message);
        return m;
    }

    /** {@code event, task_id, id, message_id, conversation_id (chat apps), created_at}. */
    private Map<String, Object> messageEvent(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", name);
        m.put("task_id", run.taskId());
        m.put("id", messageId);
        m.put("message_id", messageId);
        if (run.conversationId() != null) {
            m.put("conversation_id", run.conversationId());
        }
        m.put("created_at", createdAtSeconds);
        return m;
    }

    private Map<String, Object> chatFields(Map<String, Object> event) {
        event.put("conversation_id", run.conversationId());
        event.put("message_id", messageId);
        event.putIfAbsent("created_at", createdAtSeconds);
        return event;
    }
}
