package dev.weft.model.openai;

import dev.weft.model.ModelException;
import dev.weft.model.http.UpstreamErrors;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.MultipartForm;
import dev.weft.security.OutboundRequest;
import dev.weft.security.OutboundResponse;
import dev.weft.security.RefusedAddressException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Speech through an OpenAI-compatible server: {@code POST /audio/transcriptions} (multipart {@code file} and
 * {@code model}; answers {@code {text}}) and {@code POST /audio/speech} ({@code {model, input, voice, response_format}};
 * answers the audio bytes). Calls go through {@link GuardedHttpClient}. Failures are {@link ModelException}s carrying
 * the upstream status and message.
 */
@Component
public class OpenAiAudioClient {

    static final long MAX_TRANSCRIPT_BYTES = 4L * 1024 * 1024;
    static final long MAX_SPEECH_BYTES = 64L * 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Audio bytes and their media type. */
    public record Speech(String contentType, byte[] audio) {}

    private final GuardedHttpClient http;

    public OpenAiAudioClient(GuardedHttpClient http) {
        this.http = http;
    }

    /** The text spoken in {@code audio} (a file named {@code filename} of type {@code mimeType}), by {@code settings.model()}. */
    public String transcribe(OpenAiSettings settings, String filename, String mimeType, byte[] audio) {
        MultipartForm form = new MultipartForm();
        form.field("model", settings.model());
        form.field("response_format", "json");
        form.file("file", filename, mimeType, audio);
        form.end();
        OutboundResponse response = post(settings, "/audio/transcriptions", form.contentType(), form.bytes(), MAX_TRANSCRIPT_BYTES);
        try {
            JsonNode reply = JSON.readTree(response.body());
            if (!reply.path("text").isString()) {
                throw new ModelException("the transcription reply of " + settings.baseUrl() + " has no text", 502);
            }
            return reply.path("text").asString();
        } catch (JacksonException e) {
            throw new ModelException("the transcription reply of " + settings.baseUrl() + " is not JSON: " + e.getOriginalMessage(), 502);
        }
    }

    /** {@code text} spoken with {@code voice} by {@code settings.model()}, as {@code format} (mp3, wav, opus, aac, flac, pcm). */
    public Speech speak(OpenAiSettings settings, String text, String voice, String format) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("model", settings.model());
        request.put("input", text);
        request.put("voice", voice);
        request.put("response_format", format);
        OutboundResponse response = post(settings, "/audio/speech", "application/json",
                JSON.writeValueAsBytes(request), MAX_SPEECH_BYTES);
        String type = response.contentType();
        if (type == null || type.isBlank() || type.toLowerCase(Locale.ROOT).startsWith("application/octet-stream")) {
            type = "wav".equals(format) ? "audio/wav" : "audio/mpeg";
        }
        return new Speech(type, response.body());
    }

    private OutboundResponse post(OpenAiSettings settings, String path, String contentType, byte[] body, long maxResponse) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        if (settings.apiKey() != null) {
            headers.put("Authorization", "Bearer " + settings.apiKey());
        }
        URI uri = URI.create(settings.baseUrl() + path);
        OutboundResponse response;
        try {
            response = http.send(new OutboundRequest("POST", uri, headers, HttpRequest.BodyPublishers.ofByteArray(body),
                    settings.connectTimeout(), settings.responseTimeout(), maxResponse, true));
        } catch (RefusedAddressException e) {
            throw new ModelException("cannot call " + uri + ": " + e.getMessage(), 400);
        } catch (IOException e) {
            throw new ModelException("the call to " + uri + " failed: " + e.getMessage(), 502);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while calling " + uri, 503);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ModelException(path + " of " + settings.baseUrl() + " answered " + response.statusCode() + ": " + UpstreamErrors.errorMessage(response.text()),
                    response.statusCode());
        }
        return response;
    }
}
