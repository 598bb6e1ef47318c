package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.model.ModelException;
import dev.weft.model.openai.OpenAiAudioClient;
import dev.weft.publish.audio.AppSpeech;
import dev.weft.publish.audio.SpeechUnavailableException;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.run.ConversationService;
import dev.weft.run.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Speech (dify-reference §3.8): {@code POST /v1/audio-to-text} (multipart {@code file} and {@code user}; answers
 * {@code {text}}) and {@code POST /v1/text-to-audio} ({@code {message_id | text, user, voice?}}; answers the audio),
 * when the app's {@code speech_to_text} / {@code text_to_speech} feature is on ({@link AppSpeech}).
 */
@RestController
@RequestMapping("/v1")
class AudioController {

    static final long MAX_AUDIO_BYTES = 30L * 1024 * 1024;
    static final Set<String> AUDIO_EXTENSIONS = Set.of("mp3", "mp4", "mpeg", "mpga", "m4a", "wav", "webm", "amr");

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record TextToAudioRequest(String messageId, String text, String user, String voice, Boolean streaming) {}

    private final ServiceApps apps;
    private final AppService appService;
    private final AppSpeech speech;
    private final ConversationService conversations;

    AudioController(ServiceApps apps, AppService appService, AppSpeech speech, ConversationService conversations) {
        this.apps = apps;
        this.appService = appService;
        this.speech = speech;
        this.conversations = conversations;
    }

    @PostMapping("/audio-to-text")
    Map<String, String> audioToText(@AuthenticationPrincipal ServiceCaller caller,
            @RequestPart(name = "file", required = false) MultipartFile file, @RequestParam(required = false) String user) {
        App app = apps.app(caller);
        ServiceApps.requireUser(user);
        if (file == null) {
            throw new ServiceApiException(400, "no_audio_uploaded", "Please upload your audio: the multipart part 'file' is missing.");
        }
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase(Locale.ROOT);
        if (!AUDIO_EXTENSIONS.contains(extension)) {
            throw new ServiceApiException(415, "unsupported_audio_type", "Audio type not allowed: '" + name
                    + "'; use one of " + AUDIO_EXTENSIONS.stream().sorted().toList());
        }
        if (file.getSize() > MAX_AUDIO_BYTES) {
            throw new ServiceApiException(413, "audio_too_large", "Audio size larger than 30 MB");
        }
        if (file.isEmpty()) {
            throw new ServiceApiException(400, "no_audio_uploaded", "Please upload your audio: '" + name + "' is empty.");
        }
        byte[] audio;
        try {
            audio = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String mime = type.startsWith("audio/") || type.startsWith("video/") ? type : "audio/" + ("mp3".equals(extension) ? "mpeg" : extension);
        String text = call(() -> speech.transcribe(app.getWorkspaceId(), features(app), name, mime, audio));
        return Map.of("text", text);
    }

    @PostMapping("/text-to-audio")
    ResponseEntity<byte[]> textToAudio(@AuthenticationPrincipal ServiceCaller caller, @RequestBody TextToAudioRequest request) {
        App app = apps.app(caller);
        String user = ServiceApps.requireUser(request.user());
        String text;
        if (request.messageId() != null && !request.messageId().isBlank()) {
            Message m = conversations.findMessage(request.messageId())
                    .filter(x -> x.getAppId().equals(app.getId()))
                    .filter(x -> conversations.findConversation(app.getId(), user, x.getConversationId()).isPresent())
                    .orElseThrow(() -> ServiceApiException.notFound("Message Not Exists."));
            text = m.getAnswer() == null ? "" : m.getAnswer();
        } else {
            text = request.text();
        }
        if (text == null || text.isBlank()) {
            throw ServiceApiException.invalid("text or message_id is required, and the text to speak must not be empty");
        }
        String spoken = text;
        OpenAiAudioClient.Speech audio = call(() -> speech.speak(app.getWorkspaceId(), features(app), spoken, request.voice()));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(audio.contentType()))
                .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(audio.audio().length))
                .body(audio.audio());
    }

    private Map<String, Object> features(App app) {
        AppVersion v = appService.latestPublished(app.getId()).orElseGet(() -> appService.draftVersion(app.getId()));
        return appService.definitionOf(v).features();
    }

    private static <T> T call(Supplier<T> work) {
        try {
            return work.get();
        } catch (SpeechUnavailableException e) {
            throw new ServiceApiException(e.status(), e.code(), e.getMessage());
        } catch (ModelException e) {
            throw new ServiceApiException(400, "completion_request_error", e.getMessage());
        }
    }
}
