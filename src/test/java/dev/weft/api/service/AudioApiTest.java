package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.variable.Values;
import dev.weft.model.openai.FakeOpenAiServer.AudioRequest;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/audio-to-text} and {@code POST /v1/text-to-audio} (dify-reference §3.8), served by the fake
 * OpenAI-compatible server's {@code /audio/transcriptions} and {@code /audio/speech}.
 */
class AudioApiTest extends ServiceApiTestBase {

    static final String SPEECH_FEATURES = """
            "features":{"opening_statement":"Hello, ask me anything.",
              "speech_to_text":{"enabled":true,"provider":"fake-publish"},
              "text_to_speech":{"enabled":true,"voice":"nova","language":"en-US","provider":"fake-publish","model":"tts-1-hd"}}""";

    String speakingApp() {
        return publishedApp(AppMode.CHAT, definition(AppMode.CHAT)
                .replace("\"features\":{\"opening_statement\":\"Hello, ask me anything.\"}", SPEECH_FEATURES));
    }

    @Test
    void anUploadedRecordingIsTranscribedByTheProvider() {
        String key = key(speakingApp());
        byte[] recording = new byte[1234];
        Arrays.fill(recording, (byte) 7);

        Response r = audioToText(key, "hello.wav", "audio/wav", recording, "au-1");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(fieldNames(r.json())).containsExactly("text");
        assertThat(r.json().get("text").asString()).isEqualTo("heard 1234 bytes of hello.wav with whisper-1");
        AudioRequest sent = FAKE.audioRequests().getLast();
        assertThat(sent.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(sent.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(sent.authorization()).isEqualTo("Bearer sk-fake-key");
        assertThat(get(key, "/v1/parameters").json().get("speech_to_text").get("enabled").asBoolean()).isTrue();

        Response text = audioToText(key, "notes.txt", "text/plain", "hi".getBytes(StandardCharsets.UTF_8), "au-1");
        assertThat(text.status()).isEqualTo(415);
        assertThat(fieldNames(text.json())).containsExactly("code", "message", "status");
        assertThat(text.json().get("code").asString()).isEqualTo("unsupported_audio_type");
        Response empty = audioToText(key, "silence.mp3", "audio/mpeg", new byte[0], "au-1");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("code").asString()).isEqualTo("no_audio_uploaded");

        Response off = audioToText(key(publishedApp(AppMode.CHAT)), "hello.wav", "audio/wav", recording, "au-1");
        assertThat(off.status()).isEqualTo(400);
        assertThat(off.json().get("code").asString()).isEqualTo("speech_to_text_disabled");
    }

    @Test
    void textAndAnswersAreSpokenByTheProvider() {
        String key = key(speakingApp());
        Response r = post(key, "/v1/text-to-audio", body("text", "Hello there", "user", "au-2"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("audio/mpeg");
        assertThat(r.body()).isEqualTo("AUDIO:nova:Hello there");
        AudioRequest sent = FAKE.audioRequests().getLast();
        assertThat(sent.path()).isEqualTo("/v1/audio/speech");
        JsonNode request = Values.JSON.readTree(new String(sent.body(), StandardCharsets.UTF_8));
        assertThat(request.get("model").asString()).isEqualTo("tts-1-hd");
        assertThat(request.get("response_format").asString()).isEqualTo("mp3");

        FAKE.enqueue(Reply.text("Speak this answer."));
        String messageId = post(key, "/v1/chat-messages", body("query", "say something", "inputs", Map.of(), "user", "au-2"))
                .json().get("message_id").asString();
        Response answer = post(key, "/v1/text-to-audio", body("message_id", messageId, "user", "au-2", "voice", "echo"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("AUDIO:echo:Speak this answer.");
        Response stranger = post(key, "/v1/text-to-audio", body("message_id", messageId, "user", "au-3"));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.json().get("code").asString()).isEqualTo("not_found");

        Response nothing = post(key, "/v1/text-to-audio", body("user", "au-2"));
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.json().get("code").asString()).isEqualTo("invalid_param");
        JsonNode parameters = get(key, "/v1/parameters").json().get("text_to_speech");
        assertThat(parameters.get("enabled").asBoolean()).isTrue();
        assertThat(parameters.get("voice").asString()).isEqualTo("nova");
        Response off = post(key(publishedApp(AppMode.CHAT)), "/v1/text-to-audio", body("text", "Hello", "user", "au-2"));
        assertThat(off.status()).isEqualTo(400);
        assertThat(off.json().get("code").asString()).isEqualTo("app_unavailable");
    }

    @Test
    void anUnknownSpeechProviderIsProviderNotInitialize() {
        String key = key(publishedApp(AppMode.CHAT, definition(AppMode.CHAT).replace(
                "\"features\":{\"opening_statement\":\"Hello, ask me anything.\"}",
                "\"features\":{\"text_to_speech\":{\"enabled\":true,\"provider\":\"nobody\"}}")));
        Response r = post(key, "/v1/text-to-audio", body("text", "Hello", "user", "au-4"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("provider_not_initialize");
    }

    private Response audioToText(String key, String name, String type, byte[] content, String user) {
        MultipartBody form = new MultipartBody().field("user", user).file("file", name, type, content);
        return send(HttpRequest.newBuilder(URI.create(url("/v1/audio-to-text"))).header("Authorization", "Bearer " + key)
                .header("Content-Type", form.contentType()).POST(form.publisher()).build());
    }
}
