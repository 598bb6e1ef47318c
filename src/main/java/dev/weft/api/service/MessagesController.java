package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.publish.feedback.FeedbackService;
import dev.weft.publish.feedback.MessageFeedback;
import dev.weft.run.Conversation;
import dev.weft.run.ConversationService;
import dev.weft.run.Message;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Limit;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Messages of a conversation (dify-reference §3.7), paged backwards with {@code first_id} and each page in
 * chronological order; feedback on answers; suggested follow-up questions (not offered: 400).
 */
@RestController
@RequestMapping("/v1")
class MessagesController {

    record FeedbackRequest(String rating, String user, String content) {}

    private final ServiceApps apps;
    private final ConversationService conversations;
    private final MessagePages pages;
    private final FeedbackService feedback;
    private final EndUserMessages own;

    MessagesController(ServiceApps apps, ConversationService conversations, MessagePages pages, FeedbackService feedback,
            EndUserMessages own) {
        this.apps = apps;
        this.conversations = conversations;
        this.pages = pages;
        this.feedback = feedback;
        this.own = own;
    }

    @GetMapping("/messages")
    Map<String, Object> list(@AuthenticationPrincipal ServiceCaller caller,
            @RequestParam(name = "conversation_id", required = false) String conversationId,
            @RequestParam(required = false) String user,
            @RequestParam(name = "first_id", required = false) String firstId,
            @RequestParam(defaultValue = "20") int limit) {
        App app = apps.chatApp(caller);
        String u = ServiceApps.requireUser(user);
        if (conversationId == null || conversationId.isBlank()) {
            throw ServiceApiException.invalid("conversation_id is required");
        }
        if (limit < 1 || limit > 100) {
            throw ServiceApiException.invalid("limit must be between 1 and 100, got " + limit);
        }
        Conversation c = conversations.findConversation(app.getId(), u, conversationId)
                .orElseThrow(() -> ServiceApiException.notFound("Conversation Not Exists."));
        List<Message> newestFirst;
        if (firstId != null && !firstId.isBlank()) {
            Message first = conversations.findMessage(firstId).filter(m -> m.getConversationId().equals(c.getId()))
                    .orElseThrow(() -> ServiceApiException.notFound("First Message Not Exists."));
            newestFirst = pages.findByConversationIdAndCreatedAtLessThanOrderByCreatedAtDesc(c.getId(), first.getCreatedAt(), Limit.of(limit + 1));
        } else {
            newestFirst = pages.findByConversationIdOrderByCreatedAtDesc(c.getId(), Limit.of(limit + 1));
        }
        boolean hasMore = newestFirst.size() > limit;
        List<Message> page = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        Collections.reverse(page);
        Map<String, MessageFeedback> ratings = feedback.byMessage(page.stream().map(Message::getId).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("has_more", hasMore);
        body.put("data", page.stream().map(m -> view(m, ratings.get(m.getId()))).toList());
        return body;
    }

    /** {@code rating}: like, dislike, or null to take it back. */
    @PostMapping("/messages/{messageId}/feedbacks")
    Map<String, String> rate(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String messageId,
            @RequestBody FeedbackRequest request) {
        App app = apps.app(caller);
        String user = ServiceApps.requireUser(request.user());
        own.requireOwn(app, user, messageId);
        feedback.rate(app.getId(), messageId, user, request.rating(), request.content());
        return Map.of("result", "success");
    }

    @GetMapping("/messages/{messageId}/suggested")
    Map<String, Object> suggested(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String messageId,
            @RequestParam(required = false) String user) {
        App app = apps.chatApp(caller);
        own.requireOwn(app, ServiceApps.requireUser(user), messageId);
        throw new ServiceApiException(400, "bad_request", "Suggested Questions Is Disabled.");
    }

    /** {@code GET /v1/app/feedbacks?page=&limit=}: the app's ratings, newest first. */
    @GetMapping("/app/feedbacks")
    Map<String, Object> all(@AuthenticationPrincipal ServiceCaller caller, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int limit) {
        App app = apps.app(caller);
        if (page < 1 || limit < 1 || limit > 100) {
            throw ServiceApiException.invalid("page starts at 1 and limit is between 1 and 100");
        }
        List<Map<String, Object>> data = feedback.list(app.getId(), page, limit).stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.getId());
            m.put("app_id", f.getAppId());
            m.put("conversation_id", conversations.findMessage(f.getMessageId()).map(Message::getConversationId).orElse(null));
            m.put("message_id", f.getMessageId());
            m.put("rating", f.getRating());
            m.put("content", f.getContent());
            m.put("from_source", f.getFromSource());
            m.put("from_end_user_id", f.getEndUserId());
            m.put("from_account_id", null);
            m.put("created_at", f.getCreatedAt().toString());
            m.put("updated_at", f.getUpdatedAt().toString());
            return m;
        }).toList();
        return Map.of("data", data);
    }

    static Map<String, Object> view(Message m, MessageFeedback rating) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.getId());
        v.put("conversation_id", m.getConversationId());
        v.put("parent_message_id", null);
        v.put("inputs", m.getInputs());
        v.put("query", m.getQuery());
        v.put("answer", m.getAnswer() == null ? "" : m.getAnswer());
        v.put("status", m.getStatus().value());
        v.put("error", m.getError());
        v.put("message_files", List.of());
        v.put("feedback", rating == null ? null : Map.of("rating", rating.getRating()));
        v.put("retriever_resources", m.getRetrieverResources());
        v.put("agent_thoughts", List.of());
        v.put("created_at", m.getCreatedAt().getEpochSecond());
        v.put("extra_contents", List.of());
        return v;
    }
}
