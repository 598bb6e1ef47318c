package dev.weft.run;

/** A run named a conversation that does not exist for that app and user. */
public class ConversationNotFoundException extends RuntimeException {

    public ConversationNotFoundException(String conversationId) {
        super("conversation '" + conversationId + "' does not exist for this app and user");
    }
}
