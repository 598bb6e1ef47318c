package dev.weft.model.anthropic;

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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Anthropic's Messages API against a fake on 127.0.0.1: the exact request JSON and headers, and each reply shape. */
class AnthropicChatModelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "The weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

    private final FakeUpstream fake = FakeUpstream.start();
    private final AnthropicChatModel model = new AnthropicChatModel(new OpenAiSettings(fake.baseUrl(), "sk-ant-test", "claude-test"));

    @AfterEach
    void stop() {
        fake.close();
    }

    private static ChatRequest hello() {
        return new ChatRequest(null, List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")), Map.of("temperature", 0.5), null);
    }

    private static String message(String contentJson, String stopReason, int in, int out) {
        return "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":" + contentJson
                + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + in
                + ",\"output_tokens\":" + out + "}}";
    }

    static String event(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void blockingCallSendsTheMessagesApiRequestAndReadsTheReply() {
        fake.enqueue(Response.json(200, message("[{\"type\":\"text\",\"text\":\"Hello there\"}]", "end_turn", 12, 3)));

        ChatResponse response = model.chat(hello());

        FakeUpstream.Recorded request = fake.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body()).isEqualTo(json("""
                {"model":"claude-test","max_tokens":4096,"system":"Be brief.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],"temperature":0.5}"""));
        assertThat(response.text()).isEqualTo("Hello there");
        assertThat(response.finishReason()).isEqualTo("end_turn");
        assertThat(response.usage()).isEqualTo(new TokenUsage(12, 3, 15));
    }

    @Test
    void streamingHandsOverEachTextDeltaAsItsEventArrives() {
        fake.enqueue(Response.stream("text/event-stream", List.of(
                event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\","
                        + "\"content\":[],\"model\":\"claude-test\",\"stop_reason\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                event("ping", "{\"type\":\"ping\"}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}"),
                AWAIT_TOKEN,
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}"),
                AWAIT_TOKEN,
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\", world\"}}"),
                AWAIT_TOKEN,
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}"),
                event("message_stop", "{\"type\":\"message_stop\"}"))));
        List<String> tokens = new ArrayList<>();

        ChatResponse response = model.chat(hello(), t -> {
            tokens.add(t);
            fake.tokenSeen();
        });

        assertThat(fake.lockstepFailures()).as("each token reached the caller before the next was sent").isEmpty();
        assertThat(tokens).containsExactly("Hel", "lo", ", world");
        assertThat(response.text()).isEqualTo("Hello, world");
        assertThat(response.usage()).isEqualTo(new TokenUsage(25, 4, 29));
        assertThat(response.finishReason()).isEqualTo("end_turn");
        assertThat(fake.lastRequest().body().path("stream").asBoolean()).isTrue();
        assertThat(fake.lastRequest().header("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void toolsGoAsInputSchemasAndToolUseBlocksComeBackAsCalls() {
        fake.enqueue(Response.json(200, message("[{\"type\":\"text\",\"text\":\"Let me check.\"},{\"type\":\"tool_use\",\"id\":\"toolu_01A\","
                + "\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]", "tool_use", 40, 20)));
        ChatRequest ask = new ChatRequest(null, List.of(ChatMessage.user("Weather in Paris?")), null, null, List.of(WEATHER));

        ChatResponse response = model.chat(ask);

        assertThat(fake.lastRequest().body().path("tools")).isEqualTo(json("""
                [{"name":"get_weather","description":"The weather in a city",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]"""));
        assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_01A", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(response.text()).isEqualTo("Let me check.");
        assertThat(response.finishReason()).isEqualTo("tool_use");

        fake.enqueue(Response.json(200, message("[{\"type\":\"text\",\"text\":\"Sunny, 21 C.\"}]", "end_turn", 60, 6)));
        ToolCall call = response.toolCalls().getFirst();
        ChatResponse answer = model.chat(new ChatRequest(null, List.of(ChatMessage.user("Weather in Paris?"),
                ChatMessage.assistant("Let me check.", List.of(call)), ChatMessage.toolResult(call, "{\"temp\":21}")), null, null, List.of(WEATHER)));

        assertThat(fake.lastRequest().body().path("messages")).isEqualTo(json("""
                [{"role":"user","content":[{"type":"text","text":"Weather in Paris?"}]},
                 {"role":"assistant","content":[{"type":"text","text":"Let me check."},
                   {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"city":"Paris"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01A","content":"{\\"temp\\":21}"}]}]"""));
        assertThat(answer.text()).isEqualTo("Sunny, 21 C.");
    }

    @Test
    void streamedToolUseIsAssembledFromInputJsonDeltas() {
        fake.enqueue(Response.stream("text/event-stream", List.of(
                event("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":30,\"output_tokens\":1}}}"),
                event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"get_weather\",\"input\":{}}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"ci\"}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ty\\\": \\\"Oslo\\\"}\"}}"),
                event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":12}}"),
                event("message_stop", "{\"type\":\"message_stop\"}"))));
        List<String> tokens = new ArrayList<>();

        ChatResponse response = model.chat(new ChatRequest(null, List.of(ChatMessage.user("Oslo?")), null, null, List.of(WEATHER)), tokens::add);

        assertThat(tokens).isEmpty();
        assertThat(response.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("toolu_9");
            assertThat(c.argumentsMap()).isEqualTo(Map.of("city", "Oslo"));
        });
        assertThat(response.usage()).isEqualTo(new TokenUsage(30, 12, 42));
    }

    @Test
    void jsonOutputIsAForcedToolWhoseInputIsTheAnswer() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")));
        fake.enqueue(Response.json(200, message("[{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"structured_output\","
                + "\"input\":{\"city\":\"Rome\"}}]", "tool_use", 20, 8)));

        ChatResponse response = model.chat(new ChatRequest(null, List.of(ChatMessage.user("A city?")), null, schema));

        JsonNode body = fake.lastRequest().body();
        assertThat(body.path("tools")).isEqualTo(json("""
                [{"name":"structured_output","description":"Give the final answer as JSON that follows this schema.",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]"""));
        assertThat(body.path("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"structured_output\"}"));
        assertThat(json(response.text())).isEqualTo(json("{\"city\":\"Rome\"}"));
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.finishReason()).isEqualTo("end_turn");
    }

    @Test
    void errorBodiesBecomeModelExceptionsWithStatusRetryAfterAndTheUpstreamMessage() {
        fake.enqueue(Response.json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));
        assertThatThrownBy(() -> model.chat(hello())).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.retryAfter()).isNull();
            assertThat(e.getMessage()).contains("HTTP 401").contains("invalid x-api-key");
        });

        fake.enqueue(Response.json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"}}")
                .withHeader("retry-after", "7"));
        assertThatThrownBy(() -> model.chat(hello(), t -> { })).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("per-minute rate limit");
        });

        String inOneMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(61));
        fake.enqueue(Response.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")
                .withHeader("Retry-After", inOneMinute));
        assertThatThrownBy(() -> model.chat(hello())).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(529);
            assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
            assertThat(e.getMessage()).contains("Overloaded");
        });

        fake.enqueue(Response.json(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}"));
        assertThatThrownBy(() -> model.chat(hello())).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.getMessage()).contains("Internal server error");
        });
    }

    @Test
    void interruptingAStreamStopsTheCallPromptly() throws Exception {
        fake.enqueue(Response.stream("text/event-stream", List.of(
                event("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"),
                event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}"),
                AWAIT_TOKEN, AWAIT_TOKEN, // holds the stream: the test reports no token, so the fake waits
                event("message_stop", "{\"type\":\"message_stop\"}"))));
        CopyOnWriteArrayList<String> tokens = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                model.chat(hello(), tokens::add);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tokens.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(tokens).containsExactly("first");

        caller.interrupt();

        assertThat(outcome.get(1, TimeUnit.SECONDS))
                .isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
    }

    @Test
    void anErrorEventMidStreamFailsTheCallWithItsStatus() {
        fake.enqueue(Response.stream("text/event-stream", List.of(
                event("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}"),
                event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))));

        assertThatThrownBy(() -> model.chat(hello(), t -> { })).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.status()).isEqualTo(529);
            assertThat(e.getMessage()).contains("mid-stream").contains("Overloaded");
        });
    }
}
