package dev.weft.publish.audio;

import dev.weft.knowledge.embed.EmbeddingEndpoint;
import dev.weft.knowledge.embed.EmbeddingException;
import dev.weft.knowledge.embed.EmbeddingProviders;
import dev.weft.model.defaults.DefaultModel;
import dev.weft.model.defaults.DefaultModelService;
import dev.weft.model.defaults.ModelType;
import dev.weft.model.openai.OpenAiAudioClient;
import dev.weft.model.openai.OpenAiSettings;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * An app's speech features (Dify's {@code speech_to_text} and {@code text_to_speech}), served by an OpenAI-compatible
 * provider. Each feature is {@code {enabled, provider?, model?}} ({@code text_to_speech} also {@code voice}); without a
 * {@code provider} (its name or id) the provider of the workspace's default chat model is used; the models default to
 * {@value #DEFAULT_TRANSCRIPTION_MODEL} and {@value #DEFAULT_SPEECH_MODEL}, the voice to {@value #DEFAULT_VOICE}.
 */
@Service
public class AppSpeech {

    static final String DEFAULT_TRANSCRIPTION_MODEL = "whisper-1";
    static final String DEFAULT_SPEECH_MODEL = "tts-1";
    static final String DEFAULT_VOICE = "alloy";

    private final ModelProviderService providers;
    private final DefaultModelService defaults;
    private final EmbeddingProviders endpoints;
    private final OpenAiAudioClient client;

    AppSpeech(ModelProviderService providers, DefaultModelService defaults, EmbeddingProviders endpoints, OpenAiAudioClient client) {
        this.providers = providers;
        this.defaults = defaults;
        this.endpoints = endpoints;
        this.client = client;
    }

    /** Whether the app's features turn {@code feature} ({@code speech_to_text} or {@code text_to_speech}) on. */
    public static boolean enabled(Map<String, Object> features, String feature) {
        return features.get(feature) instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("enabled"));
    }

    /** The text spoken in an uploaded audio file. */
    public String transcribe(String workspaceId, Map<String, Object> features, String filename, String mimeType, byte[] audio) {
        Map<?, ?> feature = feature(features, "speech_to_text", 400, "speech_to_text_disabled", "Speech to text is not enabled for this app.");
        OpenAiSettings settings = settings(workspaceId, feature, DEFAULT_TRANSCRIPTION_MODEL, "provider_not_support_speech_to_text");
        return client.transcribe(settings, filename, mimeType, audio);
    }

    /** {@code text} spoken in {@code voice} (the feature's voice when null) as mp3. */
    public OpenAiAudioClient.Speech speak(String workspaceId, Map<String, Object> features, String text, String voice) {
        Map<?, ?> feature = feature(features, "text_to_speech", 400, "app_unavailable", "Text to speech is not enabled for this app.");
        OpenAiSettings settings = settings(workspaceId, feature, DEFAULT_SPEECH_MODEL, "provider_not_support_text_to_speech");
        String v = voice != null && !voice.isBlank() ? voice.strip()
                : feature.get("voice") instanceof String s && !s.isBlank() ? s : DEFAULT_VOICE;
        return client.speak(settings, text, v, "mp3");
    }

    private static Map<?, ?> feature(Map<String, Object> features, String name, int status, String code, String message) {
        if (!enabled(features, name)) {
            throw new SpeechUnavailableException(status, code, message);
        }
        return (Map<?, ?>) features.get(name);
    }

    private OpenAiSettings settings(String workspaceId, Map<?, ?> feature, String defaultModel, String notSupportedCode) {
        String model = feature.get("model") instanceof String m && !m.isBlank() ? m.strip() : defaultModel;
        String providerId;
        if (feature.get("provider") instanceof String p && !p.isBlank()) {
            providerId = providers.list(workspaceId).stream()
                    .filter(v -> v.id().equals(p.strip()) || v.name().equals(p.strip())).map(ModelProviderView::id).findFirst()
                    .orElseThrow(() -> new SpeechUnavailableException(400, "provider_not_initialize",
                            "No model provider named '" + p.strip() + "' is configured; add it under Settings → Model providers."));
        } else {
            providerId = defaults.get(workspaceId, ModelType.CHAT).filter(d -> !d.isLocal()).map(DefaultModel::providerId)
                    .orElseThrow(() -> new SpeechUnavailableException(400, "provider_not_initialize",
                            "No provider for speech: name one in the feature's 'provider' or set a default chat model provider."));
        }
        EmbeddingEndpoint endpoint;
        try {
            endpoint = endpoints.endpoint(providerId, model);
        } catch (EmbeddingException e) {
            throw new SpeechUnavailableException(400, notSupportedCode, "The provider does not serve OpenAI's audio API: " + e.getMessage());
        }
        if (endpoint.format() != EmbeddingEndpoint.Format.OPENAI) {
            throw new SpeechUnavailableException(400, notSupportedCode,
                    "The provider does not serve OpenAI's audio API; use an OpenAI or OpenAI-compatible provider.");
        }
        return endpoint.settings();
    }
}
