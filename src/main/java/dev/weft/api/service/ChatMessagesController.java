package dev.weft.api.service;

import dev.weft.app.definition.AppMode;
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

/** {@code POST /v1/chat-messages} and its stop endpoint, for chatbot and chatflow apps (dify-reference §3.4). */
@RestController
@RequestMapping("/v1")
class ChatMessagesController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatMessageRequest(String query, Map<String, Object> inputs, String responseMode, String user,
            String conversationId, List<Map<String, Object>> files, Boolean autoGenerateName, String workflowId) {}

    record StopRequest(String user) {}

    private final ServiceApps apps;
    private final ServiceRuns runs;
    private final EndUserRunCommands commands;

    ChatMessagesController(ServiceApps apps, ServiceRuns runs, EndUserRunCommands commands) {
        this.apps = apps;
        this.runs = runs;
        this.commands = commands;
    }

    @PostMapping("/chat-messages")
    Object send(@AuthenticationPrincipal ServiceCaller caller, @RequestBody ChatMessageRequest request) {
        AppMode appMode = apps.chatMode(caller);
        String appId = caller.appId();
        String user = ServiceApps.requireUser(request.user());
        if (request.query() == null) {
            throw ServiceApiException.invalid("query is required");
        }
        ResponseMode mode = ResponseMode.of(request.responseMode());
        RunCommand command = commands.chat(appId, appMode, user, request.query(), request.inputs(), request.conversationId(),
                request.files(), request.workflowId());
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

    /** Stops a streaming (or async) run started by this user; another user's task is left alone, silently. */
    @PostMapping("/chat-messages/{taskId}/stop")
    Map<String, String> stop(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String taskId,
            @RequestBody(required = false) StopRequest request) {
        apps.chatMode(caller);
        runs.stop(caller, taskId, ServiceApps.requireUser(request == null ? null : request.user()));
        return Map.of("result", "success");
    }

}
