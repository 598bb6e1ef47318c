package dev.weft.model.ollama;

import static dev.weft.model.http.FakeUpstream.AWAIT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import dev.weft.model.ToolSpec;
import dev.weft.model.http.FakeUpstream;
import dev.weft.model.http.FakeUpstream.Response;
import dev.weft.model.openai.OpenAiSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Ollama's native /api/chat, NDJSON streaming included, against a fake on 127.0.0.1. */
class OllamaChatModelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeUpstream fake = FakeUpstream.start();
    // the OpenAI-style URL people paste: the native API lives beside it
    private final OllamaChatModel model = new OllamaChatModel(new OpenAiSettings(fake.baseUrl() + "/v1", null, "llama3.2"), 8192, "10m");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void streamsNdjsonLinesAndSendsNumCtx() {
        fake.enqueue(Response.stream("application/x-ndjson", List.of(
                "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"Hel\"},\"done\":false}\n", AWAIT_TOKEN,
                "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"lo\"},\"done\":false}\n", AWAIT_TOKEN,
                "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\","
                        + "\"total_duration\":1000,\"prompt_eval_count\":14,\"eval_count\":2}\n")));
        List<String> tokens = new ArrayList<>();

        ChatResponse response = model.chat(new ChatRequest(null, List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")),
                Map.of("temperature", 0.2, "max_tokens", 50), null), t -> {
                    tokens.add(t);
                    fake.tokenSeen();
                });

        assertThat(fake.lockstepFailures()).isEmpty();
        assertThat(fake.lastRequest().path()).isEqualTo("/api/chat");
        assertThat(fake.lastRequest().body()).isEqualTo(JSON.readTree("""
                {"model":"llama3.2","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}],
                 "stream":true,"options":{"temperature":0.2,"num_predict":50,"num_ctx":8192},"keep_alive":"10m"}"""));
        assertThat(tokens).containsExactly("Hel", "lo");
        assertThat(response.usage()).isEqualTo(new TokenUsage(14, 2, 16));
        assertThat(response.finishReason()).isEqualTo("stop");
    }

    @Test
    void toolCallsAndJsonFormat() {
        fake.enqueue(Response.json(200, "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
                + "[{\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Oslo\"}}}]},\"done\":true,\"done_reason\":\"stop\","
                + "\"prompt_eval_count\":30,\"eval_count\":9}"));
        ToolSpec weather = new ToolSpec("get_weather", "Weather", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))));
        Map<String, Object> schema = Map.of("type", "object");

        ChatResponse response = model.chat(new ChatRequest(null, List.of(ChatMessage.user("Oslo?")), null, schema, List.of(weather)));

        assertThat(fake.lastRequest().body().path("tools").get(0).path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(fake.lastRequest().body().path("format")).isEqualTo(JSON.readTree("{\"type\":\"object\"}"));
        assertThat(fake.lastRequest().body().path("stream").asBoolean(true)).isFalse();
        assertThat(response.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("get_weather");
            assertThat(c.argumentsMap()).isEqualTo(Map.of("city", "Oslo"));
        });
    }

    @Test
    void errorsCarryOllamasMessage() {
        fake.enqueue(Response.json(404, "{\"error\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}"));

        assertThatThrownBy(() -> model.chat(new ChatRequest(null, List.of(ChatMessage.user("x")))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("try pulling it first");
    }
}
