package dev.weft.api.sse;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.TokenUsageSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns engine events into the JSON objects of Dify's workflow event stream ({@code workflow_started},
 * {@code node_started}, {@code text_chunk}, {@code node_retry}, {@code node_finished}, {@code iteration_*},
 * {@code workflow_finished}, {@code error}). Times are unix seconds, elapsed times seconds, as in Dify.
 */
public final class DifyEventMapper {

    private final String taskId;
    private final String workflowId;

    public DifyEventMapper(String taskId, String workflowId) {
        this.taskId = taskId;
        this.workflowId = workflowId;
    }

    public Map<String, Object> map(RunEvent event) {
        return switch (event) {
            case RunEvent.WorkflowStarted e -> envelope("workflow_started", e.runId(), data(
                    "id", e.runId(), "workflow_id", workflowId, "inputs", e.inputs(), "created_at", seconds(e.createdAt())));
            case RunEvent.NodeStarted e -> envelope("node_started", e.runId(), data(
                    "id", e.executionId(), "node_id", e.nodeId(), "node_type", e.nodeType(), "title", e.title(),
                    "index", e.index(), "predecessor_node_id", e.predecessorNodeId(), "inputs", null,
                    "created_at", seconds(e.createdAt()), "extras", Map.of(),
                    "iteration_id", e.iterationId(), "iteration_index", e.iterationIndex()));
            case RunEvent.TextChunk e -> envelope("text_chunk", e.runId(), data(
                    "text", e.text(), "from_variable_selector", e.fromSelector()));
            case RunEvent.NodeRetry e -> envelope("node_retry", e.runId(), data(
                    "id", e.executionId(), "node_id", e.nodeId(), "node_type", e.nodeType(), "title", e.title(),
                    "retry_index", e.retryIndex(), "error", e.error(), "status", "retry"));
            case RunEvent.NodeFinished e -> envelope("node_finished", e.runId(), data(
                    "id", e.executionId(), "node_id", e.nodeId(), "node_type", e.nodeType(), "title", e.title(),
                    "index", e.index(), "inputs", e.inputs(), "process_data", e.processData(), "outputs", e.outputs(),
                    "status", e.status().value(), "error", e.error(), "elapsed_time", e.elapsedMillis() / 1000.0,
                    "execution_metadata", data("total_tokens", e.usage().totalTokens(),
                            "prompt_tokens", e.usage().promptTokens(), "completion_tokens", e.usage().completionTokens(),
                            "total_price", e.usage().totalPrice().stripTrailingZeros().toPlainString(),
                            "currency", TokenUsageSummary.CURRENCY,
                            "iteration_id", e.iterationId(), "iteration_index", e.iterationIndex()),
                    "created_at", seconds(e.createdAt()), "finished_at", seconds(e.finishedAt()), "files", java.util.List.of()));
            case RunEvent.IterationStarted e -> envelope("iteration_started", e.runId(), data(
                    "node_id", e.nodeId(), "node_type", "iteration", "title", e.title(),
                    "metadata", data("iterator_length", e.length())));
            case RunEvent.IterationNext e -> envelope("iteration_next", e.runId(), data(
                    "node_id", e.nodeId(), "node_type", "iteration", "index", e.index()));
            case RunEvent.IterationCompleted e -> envelope("iteration_completed", e.runId(), data(
                    "node_id", e.nodeId(), "node_type", "iteration", "steps", e.steps(), "error", e.error(),
                    "status", e.error() == null ? "succeeded" : "failed"));
            case RunEvent.WorkflowFinished e -> envelope("workflow_finished", e.runId(), data(
                    "id", e.runId(), "workflow_id", workflowId, "status", e.status().value(), "outputs", e.outputs(),
                    "error", e.error(), "elapsed_time", e.elapsedMillis() / 1000.0, "total_tokens", e.totalTokens(),
                    "total_steps", e.totalSteps(), "exceptions_count", e.exceptionsCount(),
                    "created_at", seconds(e.createdAt()), "finished_at", seconds(e.finishedAt()), "files", java.util.List.of()));
            case RunEvent.Error e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", "error");
                m.put("task_id", taskId);
                m.put("workflow_run_id", e.runId());
                m.put("status", 500);
                m.put("code", e.code());
                m.put("message", e.message());
                yield m;
            }
        };
    }

    private Map<String, Object> envelope(String name, String runId, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", name);
        m.put("task_id", taskId);
        m.put("workflow_run_id", runId);
        m.put("data", data);
        return m;
    }

    private static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static long seconds(long epochMillis) {
        return epochMillis / 1000;
    }
}
