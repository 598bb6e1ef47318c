package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.engine.event.RunStatus;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.run.AppRunService.RunCommand;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /v1/completion-messages} and its stop endpoint, for text generator apps (dify-reference §3.5).
 * The message id of a completion is its run id. A legacy top-level {@code query} fills {@code inputs.query}
 * when the inputs have none.
 */
@RestController
@RequestMapping("/v1")
class CompletionMessagesController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CompletionRequest(Map<String, Object> inputs, String query, String responseMode, String user,
            List<Map<String, Object>> files) {}

    record StopRequest(String user) {}

    private final ServiceApps apps;
    private final ServiceRuns runs;
    private final EndUserRunCommands commands;

    CompletionMessagesController(ServiceApps apps, ServiceRuns runs, EndUserRunCommands commands) {
        this.apps = apps;
        this.runs = runs;
        this.commands = commands;
    }

    @PostMapping("/completion-messages")
    Object send(@AuthenticationPrincipal ServiceCaller caller, @RequestBody CompletionRequest request) {
        App app = apps.completionApp(caller);
        String user = ServiceApps.requireUser(request.user());
        ResponseMode mode = ResponseMode.of(request.responseMode());
        RunCommand command = commands.completion(app, user, request.inputs(), request.query(), request.files());
        return switch (mode) {
            case STREAMING -> runs.streaming(caller, command);
            case ASYNC -> ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.async(caller, command));
            case BLOCKING -> {
                ServiceRuns.Finished f = runs.blocking(caller, command);
                if (f.result().status() == RunStatus.FAILED) {
                    throw new ServiceApiException(400, "completion_request_error", f.result().error() == null
                            ? "the run failed" : f.result().error());
                }
                yield ResponseEntity.ok(ServiceResponses.message(f));
            }
        };
    }

    @PostMapping("/completion-messages/{taskId}/stop")
    Map<String, String> stop(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String taskId,
            @RequestBody(required = false) StopRequest request) {
        apps.completionApp(caller);
        runs.stop(caller, taskId, ServiceApps.requireUser(request == null ? null : request.user()));
        return Map.of("result", "success");
    }
}
