package dev.weft.api.console;

import dev.weft.api.sse.DifyBlockingResponses;
import dev.weft.api.sse.DifyRunStream;
import dev.weft.api.sse.RunEventQueue;
import dev.weft.api.sse.RunTally;
import dev.weft.engine.EngineProperties;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunStatus;
import dev.weft.run.AppRunService;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.AppRunService.StartedRun;
import dev.weft.run.CreatedByRole;
import dev.weft.security.Account;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Runs an app's draft (or, with {@code ?version=N}, a published version) as Dify's run endpoints do:
 * {@code response_mode: streaming} answers with the event stream, {@code blocking} (the default) waits and
 * answers with the run or the chat message. Also stops a run by its task id.
 */
@RestController
@RequestMapping("/api")
class AppRunController {

    /** {@code user} defaults to the caller's account id; {@code conversation_id} empty starts a new conversation. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RunAppRequest(Map<String, Object> inputs, String query, String user, String conversationId, String responseMode) {}

    private final AppRunService runs;
    private final ConsoleWorkspace caller;
    private final Duration streamTimeout;

    AppRunController(AppRunService runs, ConsoleWorkspace caller, EngineProperties engine) {
        this.runs = runs;
        this.caller = caller;
        this.streamTimeout = engine.runTimeout().plusMinutes(1);
    }

    /** A {@link dev.weft.api.sse.SseEventWriter} when streaming, else a JSON {@code ResponseEntity}. */
    @PostMapping("/apps/{appId}/run")
    Object run(@PathVariable String appId, @RequestParam(required = false) Integer version,
            @RequestBody(required = false) RunAppRequest request) {
        caller.app(appId);
        RunAppRequest r = request == null ? new RunAppRequest(null, null, null, null, null) : request;
        boolean streaming = streaming(r.responseMode());
        Account account = caller.account();
        RunCommand command = new RunCommand(appId, version, r.inputs(), r.query(),
                r.user() == null || r.user().isBlank() ? account.getId() : r.user(), CreatedByRole.ACCOUNT,
                r.conversationId(), null, null);
        if (streaming) {
            RunEventQueue events = new RunEventQueue();
            StartedRun run = runs.start(command, events);
            return DifyRunStream.start(run, events, streamTimeout);
        }
        RunTally tally = new RunTally();
        StartedRun run = runs.start(command, tally);
        RunResult result = await(run);
        if (!run.mode().isChat()) {
            return ResponseEntity.ok(DifyBlockingResponses.workflow(run, result, tally));
        }
        if (result.status() == RunStatus.FAILED) {
            return ResponseEntity.badRequest().body(ApiError.of("completion_request_error",
                    "the run failed: " + result.error() + " (workflow_run_id " + run.runId() + ")", 400));
        }
        return ResponseEntity.ok(DifyBlockingResponses.chatMessage(run, result, tally));
    }

    /** Stops a run of this process; like Dify, answers success also when the run is already over. */
    @PostMapping("/tasks/{taskId}/stop")
    Map<String, String> stop(@PathVariable String taskId) {
        runs.stop(taskId);
        return Map.of("result", "success");
    }

    private static boolean streaming(String responseMode) {
        if (responseMode == null || responseMode.isBlank() || "blocking".equals(responseMode)) {
            return false;
        }
        if ("streaming".equals(responseMode)) {
            return true;
        }
        throw new IllegalArgumentException("response_mode must be 'streaming' or 'blocking', got '" + responseMode + "'");
    }

    private static RunResult await(StartedRun run) {
        try {
            return run.completion().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("run " + run.runId() + " crashed: " + e.getCause(), e.getCause());
        }
    }
}
