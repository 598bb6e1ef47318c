package dev.weft.model.openai;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OpenAI's chat completions with tools, Azure's and Mistral's dialects, and Retry-After, against a fake on 127.0.0.1. */
class OpenAiWireFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "The weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

    private final FakeUpstream fake = FakeUpstream.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    private OpenAiCompatibleChatModel openAi() {
        return new OpenAiCompatibleChatModel(new OpenAiSettings(fake.baseUrl() + "/v1", "sk-test", "gpt-test"));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static String chunk(String deltaJson, String finish) {
        return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":"
                + deltaJson + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    @Test
    void toolsAreSentAsFunctionsAndToolCallsParsed() {
        fake.enqueue(Response.json(200, """
                {"id":"c1","object":"chat.completion","model":"gpt-test","choices":[{"index":0,"message":{"role":"assistant","content":null,
                 "tool_calls":[{"id":"call_abc","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":50,"completion_tokens":10,"total_tokens":60}}"""));

        ChatResponse response = openAi().chat(new ChatRequest(null, List.of(ChatMessage.user("Paris?")), null, null, List.of(WEATHER)));

        assertThat(fake.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(fake.lastRequest().header("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(fake.lastRequest().body()).isEqualTo(json("""
                {"model":"gpt-test","messages":[{"role":"user","content":"Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"The weather in a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}"""));
        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_abc", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.usage()).isEqualTo(new TokenUsage(50, 10, 60));

        fake.enqueue(Response.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sunny.\"},\"finish_reason\":\"stop\"}]}"));
        ToolCall call = response.toolCalls().getFirst();
        openAi().chat(new ChatRequest(null, List.of(ChatMessage.user("Paris?"), ChatMessage.assistant(null, List.of(call)),
                ChatMessage.toolResult(call, "sunny")), null, null, List.of(WEATHER)));

        assertThat(fake.lastRequest().body().path("messages")).isEqualTo(json("""
                [{"role":"user","content":"Paris?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_abc","type":"function",
                   "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_abc","content":"sunny"}]"""));
    }

    @Test
    void streamedTokensArriveOneByOneAndToolCallPiecesAreJoined() {
        fake.enqueue(Response.stream("text/event-stream", List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Che\"}", null), AWAIT_TOKEN,
                chunk("{\"content\":\"cking\"}", null), AWAIT_TOKEN,
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}}]}", null),
                chunk("{}", "tool_calls"),
                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}}\n\n",
                "data: [DONE]\n\n")));
        List<String> tokens = new ArrayList<>();

        ChatResponse response = openAi().chat(new ChatRequest(null, List.of(ChatMessage.user("Oslo?")), null, null, List.of(WEATHER)), t -> {
            tokens.add(t);
            fake.tokenSeen();
        });

        assertThat(fake.lockstepFailures()).isEmpty();
        assertThat(tokens).containsExactly("Che", "cking");
        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Oslo\"}"));
        assertThat(response.usage()).isEqualTo(new TokenUsage(20, 9, 29));
    }

    @Test
    void aStreamKeepsItsConnectionWhenTheBodyEndsJustAfterDone() {
        // the body's last chunk comes a moment after [DONE]: dropping the exchange at [DONE] would close the
        // connection, and the next call would have to open a new one
        for (int i = 0; i < 2; i++) {
            fake.enqueue(Response.stream("text/event-stream", List.of(chunk("{\"content\":\"Hi\"}", null),
                    chunk("{}", "stop") + "data: [DONE]\n\n", FakeUpstream.pause(40))));
        }
        OpenAiCompatibleChatModel model = openAi();
        List<String> tokens = new ArrayList<>();

        assertThat(model.chat(new ChatRequest(null, List.of(ChatMessage.user("Hello"))), tokens::add).text()).isEqualTo("Hi");
        assertThat(model.chat(new ChatRequest(null, List.of(ChatMessage.user("Again"))), tokens::add).text()).isEqualTo("Hi");

        assertThat(tokens).containsExactly("Hi", "Hi");
        assertThat(fake.requests()).extracting(FakeUpstream.Recorded::clientPort).as("client ports of the two calls")
                .containsOnly(fake.requests().get(0).clientPort());
    }

    @Test
    void azureUsesTheDeploymentPathApiVersionAndApiKeyHeader() {
        var settings = new OpenAiSettings(fake.baseUrl(), "azure-key-123", "my-gpt4o");
        var azure = new OpenAiCompatibleChatModel(settings, OpenAiCompatibleChatModel.newClient(settings), OpenAiDialect.azure("2024-10-21"));
        fake.enqueue(Response.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}"));

        assertThat(azure.chat(new ChatRequest(null, List.of(ChatMessage.user("hi")))).text()).isEqualTo("hi");

        assertThat(fake.lastRequest().path()).isEqualTo("/openai/deployments/my-gpt4o/chat/completions");
        assertThat(fake.lastRequest().query()).isEqualTo("api-version=2024-10-21");
        assertThat(fake.lastRequest().header("api-key")).isEqualTo("azure-key-123");
        assertThat(fake.lastRequest().header("Authorization")).isNull();
    }

    @Test
    void openAiItselfGetsMaxCompletionTokensAndCompatibleServersMaxTokens() {
        var settings = new OpenAiSettings(fake.baseUrl() + "/v1", "sk", "o4-mini");
        var openAi = new OpenAiCompatibleChatModel(settings, OpenAiCompatibleChatModel.newClient(settings), OpenAiDialect.OPENAI);
        String reply = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}";
        fake.enqueue(Response.json(200, reply), Response.json(200, reply));

        openAi.chat(new ChatRequest(null, List.of(ChatMessage.user("hi")), Map.of("max_tokens", 5), null));
        assertThat(fake.lastRequest().body().path("max_completion_tokens").asInt()).isEqualTo(5);
        assertThat(fake.lastRequest().body().has("max_tokens")).isFalse();

        openAi().chat(new ChatRequest(null, List.of(ChatMessage.user("hi")), Map.of("max_tokens", 5), null));
        assertThat(fake.lastRequest().body().path("max_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void mistralGetsNoStreamOptionsAndARandomSeed() {
        var settings = new OpenAiSettings(fake.baseUrl() + "/v1", "mk", "mistral-small-latest");
        var mistral = new OpenAiCompatibleChatModel(settings, OpenAiCompatibleChatModel.newClient(settings), OpenAiDialect.MISTRAL);
        fake.enqueue(Response.stream("text/event-stream", List.of(chunk("{\"content\":\"ok\"}", "stop"), "data: [DONE]\n\n")));

        mistral.chat(new ChatRequest(null, List.of(ChatMessage.user("hi")), Map.of("seed", 7), null), t -> { });

        assertThat(fake.lastRequest().body()).isEqualTo(json("""
                {"model":"mistral-small-latest","messages":[{"role":"user","content":"hi"}],"random_seed":7,"stream":true}"""));
    }

    @Test
    void rateLimitsCarryRetryAfterAndServerErrorsTheUpstreamMessage() {
        fake.enqueue(Response.json(429, "{\"error\":{\"message\":\"Rate limit reached for gpt-test\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                .withHeader("Retry-After", "2"));
        assertThatThrownBy(() -> openAi().chat(new ChatRequest(null, List.of(ChatMessage.user("x"))), t -> { }))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(e.getMessage()).contains("Rate limit reached for gpt-test");
                });

        fake.enqueue(Response.json(500, "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}"));
        assertThatThrownBy(() -> openAi().chat(new ChatRequest(null, List.of(ChatMessage.user("x")))))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.retryAfter()).isNull();
                    assertThat(e.getMessage()).contains("The server had an error");
                });

        fake.enqueue(Response.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-test.\",\"type\":\"invalid_request_error\"}}"));
        assertThatThrownBy(() -> openAi().chat(new ChatRequest(null, List.of(ChatMessage.user("x")))))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Incorrect API key provided");
    }
}
