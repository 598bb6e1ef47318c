package dev.weft.model.gemini;

import static dev.weft.model.http.FakeUpstream.AWAIT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import dev.weft.model.ToolCall;
import dev.weft.model.ToolSpec;
import dev.weft.model.http.FakeUpstream;
import dev.weft.model.http.FakeUpstream.Response;
import dev.weft.model.openai.OpenAiSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Gemini's generateContent and streamGenerateContent against a fake on 127.0.0.1. */
class GeminiChatModelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "The weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"),
                    "additionalProperties", false));

    private final FakeUpstream fake = FakeUpstream.start();
    private final GeminiChatModel model = new GeminiChatModel(new OpenAiSettings(fake.baseUrl(), "AIza-test", "gemini-test"));

    @AfterEach
    void stop() {
        fake.close();
    }

    private static ChatRequest hello() {
        return new ChatRequest(null, List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")),
                Map.of("temperature", 0.5, "max_tokens", 100), null);
    }

    private static String reply(String partsJson, String finish, int prompt, int candidates) {
        return "{\"candidates\":[{\"content\":{\"parts\":" + partsJson + ",\"role\":\"model\"},\"finishReason\":\"" + finish
                + "\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":" + prompt + ",\"candidatesTokenCount\":" + candidates
                + ",\"totalTokenCount\":" + (prompt + candidates) + "},\"modelVersion\":\"gemini-test\"}";
    }

    private static String sse(String data) {
        return "data: " + data + "\r\n\r\n";
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void blockingCallSendsContentsAndSystemInstruction() {
        fake.enqueue(Response.json(200, reply("[{\"text\":\"Hello there\"}]", "STOP", 9, 3)));

        ChatResponse response = model.chat(hello());

        FakeUpstream.Recorded request = fake.lastRequest();
        assertThat(request.path()).isEqualTo("/v1beta/models/gemini-test:generateContent");
        assertThat(request.query()).isNull();
        assertThat(request.header("x-goog-api-key")).isEqualTo("AIza-test");
        assertThat(request.body()).isEqualTo(json("""
                {"contents":[{"role":"user","parts":[{"text":"Hi"}]}],
                 "systemInstruction":{"parts":[{"text":"Be brief."}]},
                 "generationConfig":{"temperature":0.5,"maxOutputTokens":100}}"""));
        assertThat(response.text()).isEqualTo("Hello there");
        assertThat(response.finishReason()).isEqualTo("STOP");
        assertThat(response.usage()).isEqualTo(new TokenUsage(9, 3, 12));
    }

    @Test
    void streamingReadsEachSseChunkAsItArrives() {
        fake.enqueue(Response.stream("text/event-stream", List.of(
                sse(reply("[{\"text\":\"Hel\"}]", "", 9, 1).replace(",\"finishReason\":\"\"", "")), AWAIT_TOKEN,
                sse(reply("[{\"text\":\"lo\"}]", "", 9, 2).replace(",\"finishReason\":\"\"", "")), AWAIT_TOKEN,
                sse(reply("[{\"text\":\", world\"}]", "STOP", 9, 4)), AWAIT_TOKEN)));
        List<String> tokens = new ArrayList<>();

        ChatResponse response = model.chat(hello(), t -> {
            tokens.add(t);
            fake.tokenSeen();
        });

        assertThat(fake.lockstepFailures()).isEmpty();
        assertThat(fake.lastRequest().path()).isEqualTo("/v1beta/models/gemini-test:streamGenerateContent");
        assertThat(fake.lastRequest().query()).isEqualTo("alt=sse");
        assertThat(tokens).containsExactly("Hel", "lo", ", world");
        assertThat(response.text()).isEqualTo("Hello, world");
        assertThat(response.usage()).isEqualTo(new TokenUsage(9, 4, 13));
        assertThat(response.finishReason()).isEqualTo("STOP");
    }

    @Test
    void toolsAreFunctionDeclarationsAndFunctionCallsComeBack() {
        fake.enqueue(Response.json(200, reply("[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]", "STOP", 30, 5)));
        ChatRequest ask = new ChatRequest(null, List.of(ChatMessage.user("Weather in Paris?")), null, null, List.of(WEATHER));

        ChatResponse response = model.chat(ask);

        assertThat(fake.lastRequest().body().path("tools")).isEqualTo(json("""
                [{"functionDeclarations":[{"name":"get_weather","description":"The weather in a city",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}]"""));
        assertThat(response.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("get_weather");
            assertThat(c.id()).isEqualTo("call_1");
            assertThat(c.argumentsMap()).isEqualTo(Map.of("city", "Paris"));
        });

        fake.enqueue(Response.json(200, reply("[{\"text\":\"Sunny.\"}]", "STOP", 40, 2)));
        ToolCall call = response.toolCalls().getFirst();
        model.chat(new ChatRequest(null, List.of(ChatMessage.user("Weather in Paris?"), ChatMessage.assistant("", List.of(call)),
                ChatMessage.toolResult(call, "sunny, 21 C")), null, null, List.of(WEATHER)));

        assertThat(fake.lastRequest().body().path("contents")).isEqualTo(json("""
                [{"role":"user","parts":[{"text":"Weather in Paris?"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"sunny, 21 C"}}}]}]"""));
    }

    @Test
    void jsonOutputSetsResponseMimeTypeAndSchema() {
        Map<String, Object> schema = Map.of("name", "city", "strict", true, "schema", Map.of("$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", "object", "properties", Map.of("city", Map.of("type", "string")), "additionalProperties", false));
        fake.enqueue(Response.json(200, reply("[{\"text\":\"{\\\"city\\\":\\\"Rome\\\"}\"}]", "STOP", 5, 5)));

        ChatResponse response = model.chat(new ChatRequest(null, List.of(ChatMessage.user("A city?")), null, schema));

        assertThat(fake.lastRequest().body().path("generationConfig")).isEqualTo(json("""
                {"responseMimeType":"application/json","responseSchema":{"type":"object","properties":{"city":{"type":"string"}}}}"""));
        assertThat(json(response.text())).isEqualTo(json("{\"city\":\"Rome\"}"));
    }

    @Test
    void errorBodiesBecomeModelExceptionsWithStatusRetryAfterAndTheUpstreamMessage() {
        fake.enqueue(Response.json(400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\"}}"));
        assertThatThrownBy(() -> model.chat(hello())).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("API key not valid");
        });

        fake.enqueue(Response.json(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}")
                .withHeader("Retry-After", "3"));
        assertThatThrownBy(() -> model.chat(hello(), t -> { })).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
            assertThat(e.getMessage()).contains("Resource has been exhausted");
        });

        fake.enqueue(Response.json(500, "[{\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}]"));
        assertThatThrownBy(() -> model.chat(hello(), t -> { })).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.getMessage()).contains("An internal error has occurred.");
        });

        fake.enqueue(Response.json(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}"));
        assertThatThrownBy(() -> model.chat(hello())).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("invalid authentication credentials");
        });
    }
}
