package dev.weft.api.service;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.RunStatus;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.CreatedByRole;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    private final FileInputs files;

    ChatMessagesController(ServiceApps apps, ServiceRuns runs, FileInputs files) {
        this.apps = apps;
        this.runs = runs;
        this.files = files;
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
        String conversationId = request.conversationId() == null || request.conversationId().isBlank() ? null : request.conversationId();
        if (conversationId != null) {
            try {
                UUID.fromString(conversationId);
            } catch (IllegalArgumentException e) {
                throw ServiceApiException.invalid("conversation_id '" + conversationId + "' is not a valid id");
            }
        }
        if (request.workflowId() != null && !request.workflowId().isBlank() && appMode != AppMode.ADVANCED_CHAT) {
            throw ServiceApiException.invalid("workflow_id applies to chatflow (advanced-chat) apps only");
        }
        RunCommand command = new RunCommand(appId, runs.version(appId, appMode, request.workflowId()),
                files.resolveInputs(appId, request.inputs()), request.query(), user, CreatedByRole.END_USER,
                conversationId, files.resolveFiles(appId, request.files()), null);
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
