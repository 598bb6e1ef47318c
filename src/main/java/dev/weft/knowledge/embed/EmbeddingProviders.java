package dev.weft.knowledge.embed;

import dev.weft.model.openai.OpenAiSettings;

/** Finds how to reach a configured model provider's OpenAI-compatible API, for {@code provider:<id>/<model>} ids. */
@FunctionalInterface
public interface EmbeddingProviders {

    /**
     * The base URL, decrypted API key and timeouts of the provider with id {@code providerId}, with {@code model} as
     * the model. Throws {@link EmbeddingException} when there is no such provider or it cannot serve embeddings.
     */
    OpenAiSettings settings(String providerId, String model);

    /** Where and in which wire format the provider serves embeddings; OpenAI's format at {@link #settings} unless overridden. */
    default EmbeddingEndpoint endpoint(String providerId, String model) {
        return EmbeddingEndpoint.openAi(settings(providerId, model));
    }
}
