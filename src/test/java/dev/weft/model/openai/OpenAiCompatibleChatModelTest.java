package dev.weft.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleChatModelTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiCompatibleChatModel model(String apiKey) {
        return new OpenAiCompatibleChatModel(new OpenAiSettings(server.baseUrl(), apiKey, "gpt-test"));
    }

    private static ChatRequest hello() {
        return new ChatRequest(null, List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")));
    }

    @Test
    void blockingCallSendsMessagesSetParametersAndKey() {
        server.enqueue(Reply.text("Hello there").withUsage(12, 3).finishReason("length"));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("temperature", 0.2);
        params.put("max_tokens", 64);
        params.put("stop", List.of("END"));
        params.put("top_p", null);
        params.put("response_format", "json_object");

        ChatResponse response = model("sk-abc").chat(new ChatRequest("gpt-other", hello().messages(), params, null));

        assertThat(response.text()).isEqualTo("Hello there");
        assertThat(response.finishReason()).isEqualTo("length");
        assertThat(response.usage()).isEqualTo(new TokenUsage(12, 3, 15));
        FakeOpenAiServer.RecordedRequest sent = server.lastRequest();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-abc");
        assertThat(sent.body().path("model").asString()).isEqualTo("gpt-other");
        assertThat(sent.messages()).containsExactly(Map.entry("system", "Be brief."), Map.entry("user", "Hi"));
        assertThat(sent.body().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(sent.body().path("max_tokens").asInt()).isEqualTo(64);
        assertThat(sent.body().path("stop").path(0).asString()).isEqualTo("END");
        assertThat(sent.body().has("top_p")).isFalse();
        assertThat(sent.body().has("response_format")).isFalse();
        assertThat(sent.body().has("stream")).isFalse();
    }

    @Test
    void noKeyMeansNoAuthorizationHeaderAndTheDefaultModel() {
        model(null).chat(hello());

        assertThat(server.lastRequest().header("Authorization")).isNull();
        assertThat(server.lastRequest().body().path("model").asString()).isEqualTo("gpt-test");
    }

    @Test
    void jsonSchemaBecomesResponseFormat() {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")));

        model(null).chat(new ChatRequest(null, hello().messages(), null, schema));

        var format = server.lastRequest().body().path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asString()).isEqualTo("structured_output");
        assertThat(format.path("json_schema").path("schema").path("properties").path("city").path("type").asString()).isEqualTo("string");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isFalse();
    }

    @Test
    void streamingHandsOverDeltasInOrderAndTakesUsageFromTheLastChunk() {
        server.enqueue(Reply.stream(List.of("Hel", "lo", ", world"), Duration.ofMillis(5)).withUsage(20, 4));
        List<String> deltas = new ArrayList<>();

        ChatResponse response = model(null).chat(hello(), deltas::add);

        assertThat(deltas).containsExactly("Hel", "lo", ", world");
        assertThat(response.text()).isEqualTo("Hello, world");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new TokenUsage(20, 4, 24));
        assertThat(server.lastRequest().body().path("stream").asBoolean()).isTrue();
        assertThat(server.lastRequest().body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(server.lastRequest().header("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void streamingWithoutUsageEstimatesIt() {
        server.enqueue(Reply.stream(List.of("abcd", "efgh"), Duration.ZERO).withoutUsage());

        ChatResponse response = model(null).chat(hello(), d -> {});

        assertThat(response.usage().completionTokens()).isEqualTo(2);
        assertThat(response.usage().promptTokens()).isEqualTo(3); // "Be brief." + "Hi" = 11 chars
    }

    @Test
    void sseCommentsBlankLinesAndOtherFieldsAreIgnored() {
        String body = ": keep-alive\n\n"
                + "event: message\n"
                + "data: {\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"},\"finish_reason\":null}]}\n\n"
                + ": another comment\n"
                + "data:{\"id\":\"1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"},\"finish_reason\":\"stop\"}]}\r\n\r\n"
                + "data: [DONE]\n\n";
        server.enqueue(Reply.raw(200, "text/event-stream", body));
        List<String> deltas = new ArrayList<>();

        ChatResponse response = model(null).chat(hello(), deltas::add);

        assertThat(deltas).containsExactly("A", "B");
        assertThat(response.finishReason()).isEqualTo("stop");
    }

    @Test
    void upstreamErrorCarriesStatusAndMessage() {
        server.enqueue(Reply.error(500, "The server had an error while processing your request."));

        assertThatThrownBy(() -> model(null).chat(hello(), d -> {}))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.status()).isEqualTo(500))
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("The server had an error while processing your request.");
    }

    @Test
    void unauthorizedBlockingCallNamesTheUpstreamMessage() {
        server.enqueue(Reply.error(401, "Incorrect API key provided: sk-wrong."));

        assertThatThrownBy(() -> model("sk-wrong").chat(hello()))
                .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Incorrect API key provided");
    }

    @Test
    void nonJsonErrorBodyIsShownAsText() {
        server.enqueue(Reply.raw(502, "text/html", "<html>Bad Gateway</html>"));

        assertThatThrownBy(() -> model(null).chat(hello())).hasMessageContaining("HTTP 502").hasMessageContaining("Bad Gateway");
    }

    @Test
    void refusedConnectionIsAClearModelException() {
        String base = server.baseUrl();
        server.close();
        OpenAiCompatibleChatModel model = new OpenAiCompatibleChatModel(new OpenAiSettings(base, null, "m"));

        assertThatThrownBy(() -> model.chat(hello()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("could not connect to " + base);
    }

    @Test
    void noResponseWithinTheResponseTimeoutFails() {
        server.enqueue(Reply.hang());
        var settings = new OpenAiSettings(server.baseUrl(), null, "m", null, Duration.ofMillis(300), null);

        assertThatThrownBy(() -> new OpenAiCompatibleChatModel(settings).chat(hello()))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("did not answer within 300 ms");
    }

    @Test
    void aStalledStreamFailsAfterTheIdleTimeout() {
        server.enqueue(Reply.stream(List.of("a", "b"), Duration.ZERO).holdAfter(1));
        var settings = new OpenAiSettings(server.baseUrl(), null, "m", null, null, Duration.ofMillis(300));
        List<String> deltas = new ArrayList<>();

        assertThatThrownBy(() -> new OpenAiCompatibleChatModel(settings).chat(hello(), deltas::add))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("did not send more of its reply within 300 ms");
        assertThat(deltas).containsExactly("a");
    }

    @Test
    void interruptingAHeldStreamStopsTheCallPromptly() throws Exception {
        server.enqueue(Reply.stream(List.of("first", "second"), Duration.ZERO).holdAfter(1));
        List<String> deltas = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> caller = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            caller.set(Thread.currentThread());
            try {
                model(null).chat(hello(), deltas::add);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        assertThat(server.awaitHolding(Duration.ofSeconds(5))).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (deltas.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(deltas).containsExactly("first");

        thread.interrupt();

        Throwable error = outcome.get(1, TimeUnit.SECONDS);
        assertThat(error).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
        assertThat(deltas).containsExactly("first");
    }

    @Test
    void interruptingAWaitingBlockingCallStopsIt() throws Exception {
        server.enqueue(Reply.hang());
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                model(null).chat(hello());
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        assertThat(server.awaitHolding(Duration.ofSeconds(5))).isTrue();

        thread.interrupt();

        assertThat(outcome.get(1, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }
}
