package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.app.definition.AppDefinition;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.publish.feedback.FeedbackService;
import dev.weft.publish.feedback.MessageFeedback;
import dev.weft.publish.settings.PublishSettingsService;
import dev.weft.publish.site.AppSite;
import dev.weft.publish.site.AppSiteService;
import dev.weft.run.Conversation;
import dev.weft.run.ConversationService;
import dev.weft.run.CreatedByRole;
import dev.weft.run.Message;
import dev.weft.run.AppRunService.RunCommand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Limit;
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
 * The API of an app's public chat page, {@code /webapp/{token}/…}: the share token opens the app (while its
 * site is on), the browser's own random end-user id scopes conversations (kept apart from Service API users by
 * a {@code web:} prefix). Parameters, streaming chat messages, the user's conversations and messages, feedback.
 */
@RestController
@RequestMapping("/webapp/{token}")
class WebAppApiController {

    static final String USER_PREFIX = "web:";

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record WebChatRequest(String query, Map<String, Object> inputs, String user, String conversationId) {}

    record WebFeedbackRequest(String rating, String user) {}

    private final AppSiteService sites;
    private final AppService apps;
    private final PublishSettingsService settings;
    private final ServiceRuns runs;
    private final ConversationService conversations;
    private final ConversationPages conversationPages;
    private final FeedbackService feedback;

    WebAppApiController(AppSiteService sites, AppService apps, PublishSettingsService settings, ServiceRuns runs,
            ConversationService conversations, ConversationPages conversationPages, FeedbackService feedback) {
        this.sites = sites;
        this.apps = apps;
        this.settings = settings;
        this.runs = runs;
        this.conversations = conversations;
        this.conversationPages = conversationPages;
        this.feedback = feedback;
    }

    @GetMapping("/parameters")
    Map<String, Object> parameters(@PathVariable String token) {
        App app = open(token);
        AppVersion v = apps.latestPublished(app.getId()).orElseGet(() -> apps.draftVersion(app.getId()));
        AppDefinition d = apps.definitionOf(v);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", app.getName());
        m.put("description", app.getDescription() == null ? "" : app.getDescription());
        m.put("mode", app.getMode().value());
        m.put("opening_statement", d.features().get("opening_statement") instanceof String s ? s : "");
        m.put("suggested_questions", d.features().get("suggested_questions") instanceof List<?> l ? l : List.of());
        m.put("user_input_form", AppParameters.userInputForm(d));
        return m;
    }

    @PostMapping("/chat-messages")
    Object chat(@PathVariable String token, @RequestBody WebChatRequest request) {
        App app = open(token);
        if (!app.getMode().isChat()) {
            throw new ServiceApiException(400, "not_chat_app", "this web app is not a chat app");
        }
        if (request.query() == null || request.query().isBlank()) {
            throw ServiceApiException.invalid("query is required");
        }
        String conversationId = request.conversationId() == null || request.conversationId().isBlank() ? null : request.conversationId();
        RunCommand command = new RunCommand(app.getId(), runs.version(app, null), request.inputs(), request.query(),
                user(request.user()), CreatedByRole.END_USER, conversationId, null, null);
        return runs.streaming(caller(app, token), command);
    }

    @GetMapping("/conversations")
    Map<String, Object> conversations(@PathVariable String token, @RequestParam(required = false) String user) {
        App app = open(token);
        List<Map<String, Object>> data = conversationPages
                .findByAppIdAndEndUserIdOrderByUpdatedAtDesc(app.getId(), user(user), Limit.of(100)).stream()
                .map(c -> EndUserConversations.view(c, "")).toList();
        return Map.of("data", data);
    }

    @GetMapping("/messages")
    Map<String, Object> messages(@PathVariable String token, @RequestParam(required = false) String user,
            @RequestParam(name = "conversation_id") String conversationId) {
        App app = open(token);
        Conversation c = conversations.findConversation(app.getId(), user(user), conversationId)
                .orElseThrow(() -> ServiceApiException.notFound("Conversation Not Exists."));
        List<Message> all = conversations.messages(c.getId());
        Map<String, MessageFeedback> ratings = feedback.byMessage(all.stream().map(Message::getId).toList());
        return Map.of("data", all.stream().map(m -> MessagesController.view(m, ratings.get(m.getId()))).toList());
    }

    @PostMapping("/messages/{messageId}/feedbacks")
    Map<String, String> rate(@PathVariable String token, @PathVariable String messageId, @RequestBody WebFeedbackRequest request) {
        App app = open(token);
        String user = user(request.user());
        Message m = conversations.findMessage(messageId).filter(x -> x.getAppId().equals(app.getId()))
                .orElseThrow(() -> ServiceApiException.notFound("Message Not Exists."));
        conversations.findConversation(app.getId(), user, m.getConversationId())
                .orElseThrow(() -> ServiceApiException.notFound("Message Not Exists."));
        feedback.rate(app.getId(), messageId, user, request.rating(), null);
        return Map.of("result", "success");
    }

    private App open(String token) {
        AppSite site = sites.open(token).orElseThrow(() -> ServiceApiException.notFound("no web app here, or it is switched off"));
        return apps.find(site.getAppId()).orElseThrow(() -> ServiceApiException.notFound("no web app here"));
    }

    private ServiceCaller caller(App app, String token) {
        return new ServiceCaller(app.getId(), "site:" + token, settings.get(app.getId()));
    }

    /** The browser's end-user id: a UUID it made and keeps. */
    private static String user(String user) {
        if (user == null) {
            throw ServiceApiException.invalid("user is required");
        }
        try {
            UUID.fromString(user);
        } catch (IllegalArgumentException e) {
            throw ServiceApiException.invalid("user must be the browser's end-user id (a UUID)");
        }
        return USER_PREFIX + user;
    }
}
