package dev.weft.api.console;

import dev.weft.api.sse.DifyBlockingResponses;
import dev.weft.api.sse.DifyRunStream;
import dev.weft.api.sse.RunEventQueue;
import dev.weft.api.sse.RunTally;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.variable.Values;
import dev.weft.run.AppRunService;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.AppRunService.StartedRun;
import dev.weft.run.CreatedByRole;
import dev.weft.security.Account;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
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

    AppRunController(AppRunService runs, ConsoleWorkspace caller) {
        this.runs = runs;
        this.caller = caller;
    }

    @PostMapping("/apps/{appId}/run")
    ResponseEntity<StreamingResponseBody> run(@PathVariable String appId, @RequestParam(required = false) Integer version,
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
            return ResponseEntity.ok()
                    .contentType(MediaType.TEXT_EVENT_STREAM)
                    .cacheControl(CacheControl.noCache())
                    .header("X-Accel-Buffering", "no")
                    .body(new DifyRunStream(run, events));
        }
        RunTally tally = new RunTally();
        StartedRun run = runs.start(command, tally);
        RunResult result = await(run);
        if (!run.mode().isChat()) {
            return json(200, DifyBlockingResponses.workflow(run, result, tally));
        }
        if (result.status() == RunStatus.FAILED) {
            return json(400, ApiError.of("completion_request_error",
                    "the run failed: " + result.error() + " (workflow_run_id " + run.runId() + ")", 400));
        }
        return json(200, DifyBlockingResponses.chatMessage(run, result, tally));
    }

    /**
     * A JSON body written like the stream's: Spring picks the streaming handler by the declared return type,
     * so both response modes share it.
     */
    private static ResponseEntity<StreamingResponseBody> json(int status, Object body) {
        byte[] bytes = Values.JSON.writeValueAsBytes(body);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).contentLength(bytes.length)
                .body(out -> out.write(bytes));
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
