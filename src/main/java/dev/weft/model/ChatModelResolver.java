package dev.weft.model;

/**
 * Finds the chat model a node names: {@code provider} is the name of a configured provider credential
 * (Dify files name providers like {@code langgenius/openai/openai}; the last segment is matched too),
 * {@code model} the model name sent upstream.
 */
@FunctionalInterface
public interface ChatModelResolver {

    ChatModel resolve(String provider, String model) throws ModelException;
}
