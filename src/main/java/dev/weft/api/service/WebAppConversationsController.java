package dev.weft.api.service;

import dev.weft.api.service.WebApps.WebApp;
import dev.weft.app.App;
import dev.weft.publish.feedback.FeedbackService;
import dev.weft.publish.feedback.MessageFeedback;
import dev.weft.run.Conversation;
import dev.weft.run.ConversationService;
import dev.weft.run.Message;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Limit;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
 * A chat page's conversations, each only its own end user's (another user's is 404, as if it did not exist), as the
 * Service API has them: the latest 100, the messages of one, rename ({@code name}, or {@code auto_generate} after its
 * first question) and delete.
 */
@RestController
@RequestMapping("/webapp/{token}")
class WebAppConversationsController {

    static final int LISTED = 100;

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RenameRequest(String name, Boolean autoGenerate, String user) {}

    record UserBody(String user) {}

    private final WebApps webApps;
    private final ServiceApps apps;
    private final EndUserConversations own;
    private final ConversationPages pages;
    private final ConversationService conversations;
    private final FeedbackService feedback;

    WebAppConversationsController(WebApps webApps, ServiceApps apps, EndUserConversations own, ConversationPages pages,
            ConversationService conversations, FeedbackService feedback) {
        this.webApps = webApps;
        this.apps = apps;
        this.own = own;
        this.pages = pages;
        this.conversations = conversations;
        this.feedback = feedback;
    }

    @GetMapping("/conversations")
    Map<String, Object> list(@PathVariable String token, @RequestParam(required = false) String user) {
        App app = chatApp(token);
        String introduction = own.introduction(app.getId());
        List<Map<String, Object>> data = pages
                .findByAppIdAndEndUserIdOrderByUpdatedAtDesc(app.getId(), WebApps.user(user), Limit.of(LISTED)).stream()
                .map(c -> EndUserConversations.view(c, introduction)).toList();
        return Map.of("data", data);
    }

    /** The conversation's messages, oldest first, with the user's ratings. */
    @GetMapping("/messages")
    Map<String, Object> messages(@PathVariable String token, @RequestParam(name = "conversation_id") String conversationId,
            @RequestParam(required = false) String user) {
        App app = chatApp(token);
        Conversation c = own.own(app.getId(), WebApps.user(user), conversationId);
        List<Message> all = conversations.messages(c.getId());
        Map<String, MessageFeedback> ratings = feedback.byMessage(all.stream().map(Message::getId).toList());
        return Map.of("data", all.stream().map(m -> MessagesController.view(m, ratings.get(m.getId()))).toList());
    }

    @PostMapping("/conversations/{conversationId}/name")
    Map<String, Object> rename(@PathVariable String token, @PathVariable String conversationId, @RequestBody RenameRequest request) {
        App app = chatApp(token);
        Conversation c = own.rename(app.getId(), WebApps.user(request.user()), conversationId, request.name(), request.autoGenerate());
        return EndUserConversations.view(c, own.introduction(app.getId()));
    }

    /** 204; {@code user} comes in the JSON body or the query, as on the Service API. */
    @DeleteMapping("/conversations/{conversationId}")
    ResponseEntity<Void> delete(@PathVariable String token, @PathVariable String conversationId,
            @RequestBody(required = false) UserBody body, @RequestParam(required = false) String user) {
        App app = chatApp(token);
        own.delete(app.getId(), WebApps.user(body != null && body.user() != null ? body.user() : user), conversationId);
        return ResponseEntity.noContent().build();
    }

    private App chatApp(String token) {
        return apps.chatApp(webApps.open(token).caller());
    }
}
