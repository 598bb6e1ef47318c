package dev.weft.model;

import java.util.function.Consumer;

/**
 * A configured chat model. One method for both ways of calling: with {@code onToken} null the call blocks
 * for the whole answer; otherwise the model streams and each text delta goes to {@code onToken} as it
 * arrives, and the returned response holds the whole text and the usage.
 *
 * <p>Implementations stop promptly when the calling thread is interrupted.
 */
@FunctionalInterface
public interface ChatModel {

    ChatResponse chat(ChatRequest request, Consumer<String> onToken) throws ModelException;

    default ChatResponse chat(ChatRequest request) throws ModelException {
        return chat(request, null);
    }
}
