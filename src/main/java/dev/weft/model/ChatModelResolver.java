package dev.weft.model;

import dev.weft.model.gateway.CallScope;

/**
 * Finds the chat model a node names: {@code provider} is the name of a configured provider credential
 * (Dify files name providers like {@code langgenius/openai/openai}; the last segment is matched too),
 * {@code model} the model name sent upstream.
 *
 * <p>The application's resolver is the model gateway's ({@code dev.weft.model.gateway.GatewayChatModelResolver}),
 * which applies the workspace's, app's and node's gateway policy given in {@code scope}.
 */
@FunctionalInterface
public interface ChatModelResolver {

    ChatModel resolve(String provider, String model) throws ModelException;

    /** The model for a call made on behalf of {@code scope}; resolvers without a gateway ignore the scope. */
    default ChatModel resolve(String provider, String model, CallScope scope) throws ModelException {
        return resolve(provider, model);
    }
}
