package dev.weft.api.service;

import dev.weft.app.AppService;
import dev.weft.run.Conversation;
import dev.weft.run.ConversationService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An end user's own conversations with an app, as the Service API and the web app reach them: a conversation of
 * another app or another end user is {@code 404 not_found}, as if it did not exist. Renames (or names one after its
 * first question, as its first turn did), deletes, and writes one in Dify's shape.
 */
@Component
class EndUserConversations {

    private final AppService apps;
    private final ConversationService conversations;

    EndUserConversations(AppService apps, ConversationService conversations) {
        this.apps = apps;
        this.conversations = conversations;
    }

    /** The conversation, if it is this app's and this end user's; else 404. */
    Conversation own(String appId, String user, String conversationId) {
        return conversations.findConversation(appId, user, conversationId)
                .orElseThrow(() -> ServiceApiException.notFound("Conversation Not Exists."));
    }

    /** Renames the user's conversation to {@code name}, or, with {@code autoGenerate}, after its first question. */
    Conversation rename(String appId, String user, String conversationId, String name, Boolean autoGenerate) {
        Conversation c = own(appId, user, conversationId);
        if (Boolean.TRUE.equals(autoGenerate)) {
            return conversations.renameAfterFirstQuestion(c.getId());
        }
        if (name == null || name.isBlank()) {
            throw ServiceApiException.invalid("name is required unless auto_generate is true");
        }
        return conversations.rename(c.getId(), name);
    }

    /** Deletes the user's conversation and its messages. */
    void delete(String appId, String user, String conversationId) {
        conversations.deleteConversation(own(appId, user, conversationId).getId());
    }

    /** The app's opening statement, which Dify reports as each conversation's {@code introduction}. */
    String introduction(String appId) {
        Object opening = apps.draft(appId).features().get("opening_statement");
        return opening instanceof String s ? s : "";
    }

    /** {@code {id, name, inputs, status, introduction, created_at, updated_at}}. */
    static Map<String, Object> view(Conversation c, String introduction) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("name", c.getName());
        m.put("inputs", c.getInputs());
        m.put("status", "normal");
        m.put("introduction", introduction);
        m.put("created_at", c.getCreatedAt().getEpochSecond());
        m.put("updated_at", c.getUpdatedAt().getEpochSecond());
        return m;
    }
}
