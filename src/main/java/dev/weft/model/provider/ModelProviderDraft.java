package dev.weft.model.provider;

/**
 * What a person enters to create or change a provider. {@code providerType} defaults to
 * {@code openai-compatible}. On update, a null {@code apiKey} keeps the stored key and a blank one removes it.
 * {@code configJson} is an optional JSON object; Weft reads {@code connect_timeout_seconds},
 * {@code timeout_seconds} (waiting for the answer to start) and {@code idle_timeout_seconds} from it.
 */
public record ModelProviderDraft(
        String workspaceId, String name, String providerType, String baseUrl, String apiKey, String defaultModel, String configJson) {

    public static ModelProviderDraft openAiCompatible(String name, String baseUrl, String apiKey, String defaultModel) {
        return new ModelProviderDraft(null, name, ModelProvider.OPENAI_COMPATIBLE, baseUrl, apiKey, defaultModel, null);
    }
}
