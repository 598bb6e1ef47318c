package dev.weft.api.sse;

import dev.weft.engine.RunResult;
import dev.weft.run.AppRunService.StartedRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies of Dify's blocking responses for a finished run: the workflow run shape
 * {@code {task_id, workflow_run_id, data:{…}}} and the chat message shape {@code {event:"message", …}}.
 */
public final class DifyBlockingResponses {

    private DifyBlockingResponses() {}

    /** {@code {task_id, workflow_run_id, data:{id, workflow_id, status, outputs, error, elapsed_time, …}}}. */
    public static Map<String, Object> workflow(StartedRun run, RunResult result, RunTally tally) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", run.runId());
        data.put("workflow_id", run.workflowId());
        data.put("status", result.status().value());
        data.put("outputs", result.outputs());
        data.put("error", result.error());
        data.put("elapsed_time", result.elapsedMillis() / 1000.0);
        data.put("total_tokens", result.totalTokens());
        data.put("total_steps", result.totalSteps());
        data.put("created_at", tally.createdAt() / 1000);
        data.put("finished_at", tally.finishedAt() / 1000);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("task_id", run.taskId());
        body.put("workflow_run_id", run.runId());
        body.put("data", data);
        return body;
    }

    /** {@code {event:"message", task_id, id, message_id, conversation_id, mode, answer, metadata:{usage}, created_at}}. */
    public static Map<String, Object> chatMessage(StartedRun run, RunResult result, RunTally tally) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "message");
        body.put("task_id", run.taskId());
        body.put("id", run.messageId());
        body.put("message_id", run.messageId());
        body.put("conversation_id", run.conversationId());
        body.put("mode", run.mode().value());
        body.put("answer", result.answer() == null ? "" : result.answer());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("usage", DifyUsage.of(tally.usage(), result.elapsedMillis()));
        metadata.put("retriever_resources", tally.retrieverResources());
        body.put("metadata", metadata);
        body.put("created_at", tally.createdAt() / 1000);
        return body;
    }
}
