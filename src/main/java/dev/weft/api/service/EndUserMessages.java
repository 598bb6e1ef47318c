package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.definition.AppMode;
import dev.weft.run.ConversationService;
import dev.weft.run.Message;
import dev.weft.run.RunHistory;
import org.springframework.stereotype.Component;

/**
 * Which answers an end user may rate or ask about, for the Service API and the web app alike: a chat message in one
 * of the user's own conversations with the app, or a completion (its message id is its run id) the user made.
 * Anything else is {@code 404 not_found}.
 */
@Component
class EndUserMessages {

    private final ConversationService conversations;
    private final RunHistory history;

    EndUserMessages(ConversationService conversations, RunHistory history) {
        this.conversations = conversations;
        this.history = history;
    }

    void requireOwn(App app, String user, String messageId) {
        if (app.getMode() == AppMode.COMPLETION) {
            history.findRun(messageId)
                    .filter(r -> r.getAppId().equals(app.getId()) && user.equals(r.getCreatedBy()))
                    .orElseThrow(() -> ServiceApiException.notFound("Message Not Exists."));
            return;
        }
        Message m = conversations.findMessage(messageId).filter(x -> x.getAppId().equals(app.getId()))
                .orElseThrow(() -> ServiceApiException.notFound("Message Not Exists."));
        conversations.findConversation(app.getId(), user, m.getConversationId())
                .orElseThrow(() -> ServiceApiException.notFound("Message Not Exists."));
    }
}
