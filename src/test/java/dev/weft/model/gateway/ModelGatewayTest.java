package dev.weft.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.catalog.ModelCatalog;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gateway in front of fake OpenAI-compatible upstreams on 127.0.0.1: balancing, caching, breakers, streaming rules, pricing. */
class ModelGatewayTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final Map<String, OpenAiCompatibleChatModel> clients = new ConcurrentHashMap<>();
    /** Every provider name reaches the same fake server; the model name tells the calls apart. */
    private final ChatModelResolver upstreams = (provider, model) -> clients.computeIfAbsent(provider + "/" + model,
            k -> new OpenAiCompatibleChatModel(new OpenAiSettings(server.baseUrl(), "sk-test", model)));
    private final ModelGateway gateway = new ModelGateway(upstreams, PolicySource.NODE_ONLY, BudgetGuard.NONE, new ModelCatalog(), null);

    @AfterEach
    void stop() {
        gateway.close();
        server.close();
    }

    private static CallScope scope(String policyJson) {
        return new CallScope("ws-1", "app-1", null, GatewayPolicyParser.parse(policyJson, "model.gateway"));
    }

    private static ChatRequest ask(String model, String question) {
        return new ChatRequest(model, List.of(ChatMessage.system("Be brief."), ChatMessage.user(question)));
    }

    @Test
    void loadBalancingOverTenThousandCallsFollowsTheWeights() {
        server.keepRequests(true);
        CallScope scope = scope("""
                {"load_balance": [{"provider": "key-a", "model": "model-a", "weight": 5},
                                  {"provider": "key-b", "model": "model-b", "weight": 3},
                                  {"provider": "key-c", "model": "model-c", "weight": 2}]}
                """);
        for (int i = 0; i < 10_000; i++) {
            gateway.call(scope, "node-provider", "node-model", ask("node-model", "hi"), null);
        }
        Map<String, Long> byModel = server.requests().stream()
                .collect(Collectors.groupingBy(r -> r.body().path("model").asString(), Collectors.counting()));
        assertThat(byModel).containsOnlyKeys("model-a", "model-b", "model-c");
        assertThat(byModel.get("model-a") / 10_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.05 * 0.5));
        assertThat(byModel.get("model-b") / 10_000.0).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.05 * 0.3));
        assertThat(byModel.get("model-c") / 10_000.0).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.05 * 0.2));
    }

    @Test
    void exactCacheAnswersWithoutCallingTheUpstreamUntilItsTtlRunsOut() throws Exception {
        CallScope scope = scope("{\"cache\": {\"ttl_seconds\": 0.4, \"max_entries\": 10}}");
        server.enqueue(Reply.text("Paris.").withUsage(20, 2), Reply.text("Paris, again.").withUsage(20, 3));

        ChatResponse first = gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "Capital of France?"), null);
        ChatResponse second = gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "Capital of France?"), null);
        List<String> streamed = Collections.synchronizedList(new ArrayList<>());
        ChatResponse third = gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "Capital of France?"), streamed::add);

        assertThat(server.callCount()).as("upstream calls").isEqualTo(1);
        assertThat(first.text()).isEqualTo("Paris.");
        assertThat(first.cost().totalPrice()).isPositive();
        assertThat(second.text()).isEqualTo("Paris.");
        assertThat(second.usage().totalTokens()).as("a cache hit uses no tokens").isZero();
        assertThat(second.cost().totalPrice()).isZero();
        assertThat(third.text()).isEqualTo("Paris.");
        assertThat(streamed).as("a streaming call replays the cached text as one token").containsExactly("Paris.");

        gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "Capital of Spain?"), null);
        assertThat(server.callCount()).as("a different question is not a hit").isEqualTo(2);
        gateway.call(scope, "openai", "gpt-4o", ask("gpt-4o", "Capital of France?"), null);
        assertThat(server.callCount()).as("a different model is not a hit").isEqualTo(3);

        Thread.sleep(500);
        server.enqueue(Reply.text("Paris, after the TTL."));
        ChatResponse expired = gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "Capital of France?"), null);
        assertThat(server.callCount()).as("after the TTL the upstream is called again").isEqualTo(4);
        assertThat(expired.text()).isEqualTo("Paris, after the TTL.");
    }

    @Test
    void withoutACachePolicyEveryCallReachesTheUpstream() {
        for (int i = 0; i < 3; i++) {
            gateway.call(scope("{}"), "openai", "gpt-4o-mini", ask("gpt-4o-mini", "same"), null);
        }
        assertThat(server.callCount()).isEqualTo(3);
    }

    @Test
    void circuitBreakerOpensAfterFailuresRejectsFastAndHalfOpensAfterTheCoolDown() throws Exception {
        CallScope scope = scope("""
                {"retry": {"max_retries": 0},
                 "circuit_breaker": {"window": 4, "min_calls": 4, "failure_rate": 0.5, "cool_down_seconds": 0.4}}
                """);
        server.defaultReply(Reply.error(503, "overloaded"));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null))
                    .isInstanceOf(ModelException.class).hasMessageContaining("503");
        }
        GatewayPolicy policy = scope.nodePolicy();
        assertThat(gateway.breakerState("openai", "gpt-4o-mini", policy)).isEqualTo(CircuitBreaker.State.OPEN);

        long start = System.nanoTime();
        assertThatThrownBy(() -> gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null))
                .isInstanceOf(ModelException.class).hasMessageContaining("circuit breaker open");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("an open breaker rejects at once").isLessThan(Duration.ofMillis(100));
        assertThat(server.callCount()).as("the open breaker kept the call from the upstream").isEqualTo(4);

        Thread.sleep(450);
        assertThat(gateway.breakerState("openai", "gpt-4o-mini", policy)).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        server.defaultReply(Reply.text("back"));
        assertThat(gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null).text()).isEqualTo("back");
        assertThat(gateway.breakerState("openai", "gpt-4o-mini", policy)).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anOpenBreakerSendsCallsToTheFallback() {
        CallScope scope = scope("""
                {"retry": {"max_retries": 0}, "fallbacks": [{"provider": "backup", "model": "gpt-4o"}],
                 "circuit_breaker": {"window": 2, "min_calls": 2, "failure_rate": 1, "cool_down_seconds": 60}}
                """);
        server.enqueue(Reply.error(500, "down"), Reply.text("from backup"), Reply.error(500, "down"), Reply.text("from backup"));
        gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null);
        gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null);
        int before = server.callCount();
        server.enqueue(Reply.text("still the backup"));
        ChatResponse r = gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null);
        assertThat(r.text()).isEqualTo("still the backup");
        assertThat(server.callCount() - before).as("only the backup was called").isEqualTo(1);
        assertThat(server.lastRequest().body().path("model").asString()).isEqualTo("gpt-4o");
    }

    @Test
    void retriesOnServerErrorsButNotOnClientErrors() {
        CallScope scope = scope("{\"retry\": {\"max_retries\": 2, \"base_delay_seconds\": 0.001, \"max_delay_seconds\": 0.01}}");
        server.enqueue(Reply.error(500, "boom"), Reply.error(429, "slow down"), Reply.text("third time lucky"));
        assertThat(gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null).text()).isEqualTo("third time lucky");
        assertThat(server.callCount()).isEqualTo(3);

        server.enqueue(Reply.error(400, "bad request: unknown parameter"));
        assertThatThrownBy(() -> gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null))
                .isInstanceOf(ModelException.class).hasMessageContaining("400").hasMessageContaining("unknown parameter");
        assertThat(server.callCount()).as("a 400 is not retried").isEqualTo(4);
    }

    @Test
    void neverRetriesOnceTokensReachedTheCaller() throws Exception {
        CallScope scope = scope("""
                {"attempt_timeout_seconds": 0.3, "retry": {"max_retries": 3, "base_delay_seconds": 0.001},
                 "fallbacks": [{"provider": "backup", "model": "gpt-4o"}]}
                """);
        server.enqueue(Reply.stream(List.of("Hel", "lo", " world"), Duration.ZERO).holdAfter(1));
        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), tokens::add))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("did not finish within 300 ms")
                .hasMessageContaining("not retried");
        assertThat(tokens).containsExactly("Hel");
        assertThat(server.callCount()).as("no retry and no fallback after a token was streamed").isEqualTo(1);
        server.release();
    }

    @Test
    void firstTokenTimeoutRetriesAStreamThatSendsNothing() {
        CallScope scope = scope("{\"first_token_timeout_seconds\": 0.2, \"retry\": {\"max_retries\": 1, \"base_delay_seconds\": 0.001}}");
        server.enqueue(Reply.stream(List.of("never"), Duration.ZERO).holdAfter(0), Reply.stream(List.of("Hi", " there"), Duration.ZERO));
        List<String> tokens = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        ChatResponse r = gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), tokens::add);
        assertThat(r.text()).isEqualTo("Hi there");
        assertThat(String.join("", tokens)).isEqualTo("Hi there");
        assertThat(server.callCount()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        server.release();
    }

    @Test
    void wholeCallTimeoutBoundsRetriesAndFallbacks() {
        CallScope scope = scope("""
                {"timeout_seconds": 0.5, "attempt_timeout_seconds": 0.2,
                 "retry": {"max_retries": 5, "base_delay_seconds": 0.001}, "fallbacks": [{"provider": "backup", "model": "x"}]}
                """);
        server.defaultReply(Reply.hang());
        long start = System.nanoTime();
        assertThatThrownBy(() -> gateway.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null))
                .isInstanceOf(ModelException.class).hasMessageContaining("did not finish within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450), Duration.ofMillis(800));
        server.release();
    }

    @Test
    void pricesTheCallFromTheCatalogueAndEstimatesMissingUsage() {
        server.enqueue(Reply.text("ok").withUsage(1_000_000, 500_000));
        ChatResponse priced = gateway.call(scope("{}"), "openai", "gpt-4o-mini", ask("gpt-4o-mini", "hi"), null);
        assertThat(priced.cost().priced()).isTrue();
        assertThat(priced.cost().inputPrice()).isEqualByComparingTo(new BigDecimal("0.15"));
        assertThat(priced.cost().outputPrice()).isEqualByComparingTo(new BigDecimal("0.30"));

        server.enqueue(Reply.text("ok").withUsage(100, 10));
        ChatResponse unknown = gateway.call(scope("{}"), "local", "my-finetune-7b", ask("my-finetune-7b", "hi"), null);
        assertThat(unknown.cost().priced()).isFalse();
        assertThat(unknown.cost().totalPrice()).isZero();
    }

    @Test
    void backoffIsFullJitterCappedAndHonoursRetryAfterUpToItsCap() {
        GatewayPolicy.Retry retry = new GatewayPolicy.Retry(5, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(2));
        Function<Integer, Long> max = attempt -> {
            long m = 0;
            for (int i = 0; i < 2000; i++) {
                m = Math.max(m, ModelGateway.backoffNanos(retry, attempt, null));
            }
            return m;
        };
        assertThat(max.apply(0)).isBetween(Duration.ofMillis(90).toNanos(), Duration.ofMillis(100).toNanos());
        assertThat(max.apply(1)).isBetween(Duration.ofMillis(180).toNanos(), Duration.ofMillis(200).toNanos());
        assertThat(max.apply(5)).as("capped").isBetween(Duration.ofMillis(360).toNanos(), Duration.ofMillis(400).toNanos());
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 2000; i++) {
            min = Math.min(min, ModelGateway.backoffNanos(retry, 3, null));
        }
        assertThat(min).as("full jitter starts at zero").isLessThan(Duration.ofMillis(5).toNanos());

        assertThat(ModelGateway.backoffNanos(retry, 0, Duration.ofSeconds(1))).as("Retry-After").isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(ModelGateway.backoffNanos(retry, 0, Duration.ofSeconds(60))).as("Retry-After, capped").isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void retryAfterFromTheUpstreamDelaysTheRetry() {
        ChatModelResolver throttled = (provider, model) -> {
            int[] calls = {0};
            return (request, onToken) -> {
                if (calls[0]++ == 0) {
                    throw new ModelException("HTTP 429: slow down", 429, Duration.ofMillis(300));
                }
                return new ChatResponse("ok", null, "stop");
            };
        };
        try (ModelGateway g = new ModelGateway(throttled, PolicySource.NODE_ONLY, BudgetGuard.NONE, new ModelCatalog(), null)) {
            long start = System.nanoTime();
            CallScope scope = scope("{\"retry\": {\"max_retries\": 1, \"base_delay_seconds\": 0.001, \"max_delay_seconds\": 0.001}}");
            assertThat(g.call(scope, "p", "gpt-4o", ask("gpt-4o", "hi"), null).text()).isEqualTo("ok");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void semanticCacheHitsAParaphraseAboveTheThresholdAndMissesBelow() {
        // a deterministic stand-in for the embedding model here; SemanticCacheEmbeddingTest uses the real one
        Map<String, float[]> vectors = Map.of(
                "What is the capital of France?", new float[] {1, 0, 0},
                "Which city is France's capital?", new float[] {0.98f, (float) Math.sqrt(1 - 0.98 * 0.98), 0},
                "How do I bake bread?", new float[] {0.2f, 0, (float) Math.sqrt(1 - 0.04)});
        try (ModelGateway g = new ModelGateway(upstreams, PolicySource.NODE_ONLY, BudgetGuard.NONE, new ModelCatalog(),
                () -> vectors::get)) {
            CallScope scope = scope("{\"semantic_cache\": {\"threshold\": 0.95, \"ttl_seconds\": 60}}");
            server.enqueue(Reply.text("Paris."), Reply.text("Flour, water, yeast."));
            assertThat(g.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "What is the capital of France?"), null).text()).isEqualTo("Paris.");
            assertThat(g.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "Which city is France's capital?"), null).text()).isEqualTo("Paris.");
            assertThat(server.callCount()).isEqualTo(1);
            assertThat(g.call(scope, "openai", "gpt-4o-mini", ask("gpt-4o-mini", "How do I bake bread?"), null).text()).isEqualTo("Flour, water, yeast.");
            assertThat(server.callCount()).isEqualTo(2);
        }
    }
}
