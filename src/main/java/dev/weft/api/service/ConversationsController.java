package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.run.Conversation;
import dev.weft.run.ConversationService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Limit;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
 * An end user's conversations with a chat app (dify-reference §3.7): list with a {@code last_id} cursor and
 * {@code sort_by}, rename (or name from the first question with {@code auto_generate}), delete.
 */
@RestController
@RequestMapping("/v1/conversations")
class ConversationsController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RenameRequest(String name, Boolean autoGenerate, String user) {}

    record UserBody(String user) {}

    private final ServiceApps apps;
    private final ConversationService conversations;
    private final EndUserConversations own;
    private final ConversationPages pages;

    ConversationsController(ServiceApps apps, ConversationService conversations, EndUserConversations own, ConversationPages pages) {
        this.apps = apps;
        this.conversations = conversations;
        this.own = own;
        this.pages = pages;
    }

    @GetMapping
    Map<String, Object> list(@AuthenticationPrincipal ServiceCaller caller, @RequestParam(required = false) String user,
            @RequestParam(name = "last_id", required = false) String lastId,
            @RequestParam(defaultValue = "20") int limit,
            @RequestParam(name = "sort_by", defaultValue = "-updated_at") String sortBy) {
        App app = apps.chatApp(caller);
        String u = ServiceApps.requireUser(user);
        if (limit < 1 || limit > 100) {
            throw ServiceApiException.invalid("limit must be between 1 and 100, got " + limit);
        }
        Conversation cursor = null;
        if (lastId != null && !lastId.isBlank()) {
            cursor = conversations.findConversation(app.getId(), u, lastId)
                    .orElseThrow(() -> ServiceApiException.notFound("Last Conversation Not Exists."));
        }
        Limit page = Limit.of(limit + 1);
        String a = app.getId();
        List<Conversation> found = switch (sortBy) {
            case "-updated_at" -> cursor == null ? pages.findByAppIdAndEndUserIdOrderByUpdatedAtDesc(a, u, page)
                    : pages.findByAppIdAndEndUserIdAndUpdatedAtLessThanOrderByUpdatedAtDesc(a, u, cursor.getUpdatedAt(), page);
            case "updated_at" -> cursor == null ? pages.findByAppIdAndEndUserIdOrderByUpdatedAtAsc(a, u, page)
                    : pages.findByAppIdAndEndUserIdAndUpdatedAtGreaterThanOrderByUpdatedAtAsc(a, u, cursor.getUpdatedAt(), page);
            case "-created_at" -> cursor == null ? pages.findByAppIdAndEndUserIdOrderByCreatedAtDesc(a, u, page)
                    : pages.findByAppIdAndEndUserIdAndCreatedAtLessThanOrderByCreatedAtDesc(a, u, cursor.getCreatedAt(), page);
            case "created_at" -> cursor == null ? pages.findByAppIdAndEndUserIdOrderByCreatedAtAsc(a, u, page)
                    : pages.findByAppIdAndEndUserIdAndCreatedAtGreaterThanOrderByCreatedAtAsc(a, u, cursor.getCreatedAt(), page);
            default -> throw ServiceApiException.invalid(
                    "sort_by must be one of created_at, -created_at, updated_at, -updated_at; got '" + sortBy + "'");
        };
        String introduction = own.introduction(a);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("limit", limit);
        body.put("has_more", found.size() > limit);
        body.put("data", found.stream().limit(limit).map(c -> EndUserConversations.view(c, introduction)).toList());
        return body;
    }

    @PostMapping("/{conversationId}/name")
    Map<String, Object> rename(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String conversationId,
            @RequestBody RenameRequest request) {
        App app = apps.chatApp(caller);
        Conversation c = own.rename(app.getId(), ServiceApps.requireUser(request.user()), conversationId,
                request.name(), request.autoGenerate());
        return EndUserConversations.view(c, own.introduction(app.getId()));
    }

    /** Deletes the conversation and its messages: 204. {@code user} comes in the JSON body or the query. */
    @DeleteMapping("/{conversationId}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String conversationId,
            @RequestBody(required = false) UserBody body, @RequestParam(required = false) String user) {
        App app = apps.chatApp(caller);
        own.delete(app.getId(), ServiceApps.requireUser(body != null && body.user() != null ? body.user() : user), conversationId);
        return ResponseEntity.noContent().build();
    }
}
