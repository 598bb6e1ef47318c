package dev.weft.api.openai;

import dev.weft.api.service.ServiceApiException;
import dev.weft.api.service.ServiceApps;
import dev.weft.api.service.ServiceRuns;
import dev.weft.api.sse.RunEventQueue;
import dev.weft.app.App;
import dev.weft.engine.EngineProperties;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.engine.node.ChatTurn;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.AppRunService.StartedRun;
import dev.weft.run.Conversation;
import dev.weft.run.ConversationService;
import dev.weft.run.CreatedByRole;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's {@code POST /v1/chat/completions} for chat and chatflow apps: the Bearer app key picks the app
 * (the {@code model} field is accepted as given), the last user message is the query and earlier turns
 * become the conversation the app remembers. Answers as {@code chat.completion} or, with {@code stream},
 * as {@code chat.completion.chunk}s flushed token by token, with usage.
 */
@RestController
@RequestMapping("/v1")
class ChatCompletionsController {

    static final String DEFAULT_USER = "openai-client";

    private final ServiceApps apps;
    private final ServiceRuns runs;
    private final ConversationService conversations;
    private final Duration streamTimeout;

    ChatCompletionsController(ServiceApps apps, ServiceRuns runs, ConversationService conversations, EngineProperties engine) {
        this.apps = apps;
        this.runs = runs;
        this.conversations = conversations;
        this.streamTimeout = engine.runTimeout().plusMinutes(1);
    }

    @PostMapping("/chat/completions")
    Object complete(@AuthenticationPrincipal ServiceCaller caller, @RequestBody ChatCompletionRequest request) {
        App app = apps.chatApp(caller);
        OpenAiConversation chat = OpenAiConversation.of(request.messages());
        String user = request.user() == null || request.user().isBlank() ? DEFAULT_USER : request.user();
        if (user.length() > 255) {
            throw new ServiceApiException(400, "invalid_request_error", "user is longer than 255 characters");
        }
        Integer version = runs.version(app, null);
        String conversationId = null;
        if (!chat.history().isEmpty()) {
            Conversation c = conversations.createConversation(app.getId(), user, Map.of());
            for (ChatTurn turn : chat.history()) {
                conversations.appendMessage(c.getId(), turn.query(), turn.answer(), Map.of(), null, 0, 0);
            }
            conversationId = c.getId();
        }
        RunCommand command = new RunCommand(app.getId(), version, Map.of(), chat.query(), user, CreatedByRole.END_USER,
                conversationId, null, null);
        String model = request.model() == null || request.model().isBlank() ? ModelsController.modelId(app) : request.model();
        if (request.streaming()) {
            RunEventQueue events = new RunEventQueue();
            StartedRun run = runs.start(caller, command, events);
            return ChatCompletionStream.start(run, events, model, request.includeUsage(), streamTimeout);
        }
        ServiceRuns.Finished f = runs.blocking(caller, command);
        if (f.result().status() == RunStatus.FAILED) {
            throw new ServiceApiException(500, "completion_request_error",
                    "the app's run failed: " + (f.result().error() == null ? "no reason given" : f.result().error()));
        }
        return ResponseEntity.ok(completion(f, model));
    }

    private static Map<String, Object> completion(ServiceRuns.Finished f, String model) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", f.result().answer() == null ? "" : f.result().answer());
        message.put("refusal", null);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", "stop");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-" + f.run().messageId());
        body.put("object", "chat.completion");
        body.put("created", (f.tally().createdAt() == 0 ? System.currentTimeMillis() : f.tally().createdAt()) / 1000);
        body.put("model", model);
        body.put("choices", List.of(choice));
        body.put("usage", usage(f.tally().usage()));
        body.put("system_fingerprint", null);
        return body;
    }

    static Map<String, Object> usage(TokenUsageSummary u) {
        TokenUsageSummary usage = u == null ? TokenUsageSummary.NONE : u;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prompt_tokens", usage.promptTokens());
        m.put("completion_tokens", usage.completionTokens());
        m.put("total_tokens", usage.totalTokens());
        return m;
    }
}
