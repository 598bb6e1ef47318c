package dev.weft.api.service;

import dev.weft.api.sse.DifyBlockingResponses;
import dev.weft.app.App;
import dev.weft.engine.variable.Values;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.RunHistory;
import dev.weft.run.WorkflowRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Workflow runs (dify-reference §3.6): {@code POST /v1/workflows/run} (the latest published version),
 * {@code POST /v1/workflows/{workflow_id}/run} (a pinned version), stop, {@code GET /v1/workflows/run/{id}}
 * (any run of the app, also async chat runs) and {@code GET /v1/workflow/{id}/events} to re-attach to a
 * streaming or async run's event stream.
 */
@RestController
@RequestMapping("/v1")
class WorkflowsController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WorkflowRunRequest(Map<String, Object> inputs, String responseMode, String user,
            List<Map<String, Object>> files, String traceId) {}

    record StopRequest(String user) {}

    private final ServiceApps apps;
    private final ServiceRuns runs;
    private final EndUserRunCommands commands;
    private final RunHistory history;

    WorkflowsController(ServiceApps apps, ServiceRuns runs, EndUserRunCommands commands, RunHistory history) {
        this.apps = apps;
        this.runs = runs;
        this.commands = commands;
        this.history = history;
    }

    @PostMapping("/workflows/run")
    Object run(@AuthenticationPrincipal ServiceCaller caller, @RequestBody WorkflowRunRequest request) {
        return start(caller, null, request);
    }

    @PostMapping("/workflows/{workflowId}/run")
    Object runVersion(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String workflowId,
            @RequestBody WorkflowRunRequest request) {
        return start(caller, workflowId, request);
    }

    private Object start(ServiceCaller caller, String workflowId, WorkflowRunRequest request) {
        App app = apps.workflowApp(caller);
        String user = ServiceApps.requireUser(request.user());
        ResponseMode mode = ResponseMode.of(request.responseMode());
        RunCommand command = commands.workflow(app, workflowId, user, request.inputs(), request.files());
        return switch (mode) {
            case STREAMING -> runs.streaming(caller, command);
            case ASYNC -> ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.async(caller, command));
            case BLOCKING -> {
                ServiceRuns.Finished f = runs.blocking(caller, command);
                yield ResponseEntity.ok(DifyBlockingResponses.workflow(f.run(), f.result(), f.tally()));
            }
        };
    }

    /** Stops a workflow run by its task id; like Dify, the user is not checked. */
    @PostMapping("/workflows/tasks/{taskId}/stop")
    Map<String, String> stop(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String taskId,
            @RequestBody(required = false) StopRequest request) {
        apps.workflowApp(caller);
        ServiceApps.requireUser(request == null ? null : request.user());
        runs.stop(caller, taskId, null);
        return Map.of("result", "success");
    }

    /** {@code {id, workflow_id, status, inputs (a JSON string), outputs, error, total_steps, total_tokens, created_at, finished_at, elapsed_time}}. */
    @GetMapping("/workflows/run/{runId}")
    Map<String, Object> get(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String runId) {
        App app = apps.app(caller);
        WorkflowRun run = history.findRun(runId).filter(r -> r.getAppId().equals(app.getId())).orElse(null);
        if (run == null) {
            return runs.starting(caller, runId).orElseThrow(() ->
                    ServiceApiException.notFound("Workflow run not found: '" + runId + "'"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", run.getId());
        body.put("workflow_id", run.getAppVersionId());
        body.put("status", run.getStatus().value());
        body.put("inputs", Values.JSON.writeValueAsString(run.getInputs()));
        body.put("outputs", run.getOutputs());
        body.put("error", run.getError());
        body.put("total_steps", run.getTotalSteps());
        body.put("total_tokens", run.getTotalTokens());
        body.put("created_at", run.getCreatedAt().getEpochSecond());
        body.put("finished_at", run.getFinishedAt() == null ? null : run.getFinishedAt().getEpochSecond());
        body.put("elapsed_time", run.getElapsedMillis() / 1000.0);
        if (run.getConversationId() != null) {
            body.put("conversation_id", run.getConversationId());
            body.put("message_id", run.getMessageId());
        }
        return body;
    }

    /** The event stream of a streaming or async run from its first event; 404 when {@code user} is not its user. */
    @GetMapping("/workflow/{runId}/events")
    Object events(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String runId, @RequestParam String user) {
        apps.app(caller);
        return runs.attach(caller, runId, user);
    }
}
