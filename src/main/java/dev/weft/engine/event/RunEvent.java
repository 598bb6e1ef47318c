package dev.weft.engine.event;

import dev.weft.engine.node.NodeStatus;
import java.util.List;
import java.util.Map;

/**
 * What a run reports as it goes. The API maps these to Dify's SSE events, the UI to its trace, and the
 * run recorder to the database. Times are epoch milliseconds.
 */
public sealed interface RunEvent {

    String runId();

    record WorkflowStarted(String runId, Map<String, Object> inputs, long createdAt) implements RunEvent {}

    record NodeStarted(
            String runId,
            String executionId,
            String nodeId,
            String nodeType,
            String title,
            int index,
            String predecessorNodeId,
            String iterationId,
            Integer iterationIndex,
            long createdAt) implements RunEvent {}

    /**
     * A piece of answer text. {@code answerNodeId} is the Answer (or End) node whose output it belongs to,
     * {@code fromSelector} the variable it came from, null for literal text of the template.
     */
    record TextChunk(String runId, String answerNodeId, String text, List<String> fromSelector) implements RunEvent {}

    record NodeRetry(
            String runId,
            String executionId,
            String nodeId,
            String nodeType,
            String title,
            int retryIndex,
            String error) implements RunEvent {}

    record NodeFinished(
            String runId,
            String executionId,
            String nodeId,
            String nodeType,
            String title,
            int index,
            String iterationId,
            Integer iterationIndex,
            NodeStatus status,
            Map<String, Object> inputs,
            Map<String, Object> processData,
            Map<String, Object> outputs,
            String error,
            long elapsedMillis,
            TokenUsageSummary usage,
            long createdAt,
            long finishedAt) implements RunEvent {}

    record IterationStarted(String runId, String nodeId, String title, int length) implements RunEvent {}

    record IterationNext(String runId, String nodeId, int index) implements RunEvent {}

    record IterationCompleted(String runId, String nodeId, int steps, String error) implements RunEvent {}

    record WorkflowFinished(
            String runId,
            RunStatus status,
            Map<String, Object> outputs,
            String error,
            long elapsedMillis,
            long totalTokens,
            int totalSteps,
            int exceptionsCount,
            long createdAt,
            long finishedAt) implements RunEvent {}

    /** The run failed; always follows a failed {@link WorkflowFinished}. */
    record Error(String runId, String code, String message) implements RunEvent {}
}
