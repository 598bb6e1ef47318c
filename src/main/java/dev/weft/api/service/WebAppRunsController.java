package dev.weft.api.service;

import dev.weft.api.service.WebApps.WebApp;
import dev.weft.app.App;
import dev.weft.run.AppRunService.RunCommand;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The runs of a public page, always streamed as the Service API streams them: a chat turn, a completion, a workflow
 * run. Each route takes only the app modes its Service API route takes, with the same 400 in Dify's envelope
 * ({@code not_chat_app}, {@code app_unavailable}, {@code not_workflow_app}).
 */
@RestController
@RequestMapping("/webapp/{token}")
class WebAppRunsController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WebChatRequest(String query, Map<String, Object> inputs, String user, String conversationId,
            List<Map<String, Object>> files) {}

    record WebRunRequest(Map<String, Object> inputs, String user, List<Map<String, Object>> files) {}

    private final WebApps webApps;
    private final ServiceApps apps;
    private final EndUserRunCommands commands;
    private final ServiceRuns runs;

    WebAppRunsController(WebApps webApps, ServiceApps apps, EndUserRunCommands commands, ServiceRuns runs) {
        this.webApps = webApps;
        this.apps = apps;
        this.commands = commands;
        this.runs = runs;
    }

    @PostMapping("/chat-messages")
    Object chat(@PathVariable String token, @RequestBody WebChatRequest request) {
        WebApp web = webApps.open(token);
        App app = apps.chatApp(web.caller());
        String user = WebApps.user(request.user());
        if (request.query() == null || request.query().isBlank()) {
            throw ServiceApiException.invalid("query is required");
        }
        RunCommand command = commands.chat(app.getId(), app.getMode(), user, request.query(), request.inputs(),
                request.conversationId(), request.files(), null);
        return runs.streaming(web.caller(), command);
    }

    @PostMapping("/completion-messages")
    Object completion(@PathVariable String token, @RequestBody WebRunRequest request) {
        WebApp web = webApps.open(token);
        App app = apps.completionApp(web.caller());
        RunCommand command = commands.completion(app, WebApps.user(request.user()), request.inputs(), null, request.files());
        return runs.streaming(web.caller(), command);
    }

    @PostMapping("/workflows/run")
    Object workflow(@PathVariable String token, @RequestBody WebRunRequest request) {
        WebApp web = webApps.open(token);
        App app = apps.workflowApp(web.caller());
        RunCommand command = commands.workflow(app, null, WebApps.user(request.user()), request.inputs(), request.files());
        return runs.streaming(web.caller(), command);
    }
}
