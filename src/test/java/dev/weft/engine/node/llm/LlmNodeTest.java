package dev.weft.engine.node.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.ChatTurn;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.Values;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LlmNodeTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final ChatModelResolver resolver =
            (provider, model) -> new OpenAiCompatibleChatModel(new OpenAiSettings(server.baseUrl(), "sk-test", model));
    private final LlmNode node = new LlmNode(resolver);
    private final StubNodeContext ctx = new StubNodeContext("llm");

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmConfig config(String json) {
        return NodeRegistry.bind(node, Values.JSON.readTree(json));
    }

    private static final String SIMPLE = """
            {"type": "llm",
             "model": {"provider": "langgenius/openai/openai", "name": "gpt-4o-mini", "mode": "chat",
                       "completion_params": {"temperature": 0.7}},
             "prompt_template": [{"role": "system", "text": "You are terse."},
                                 {"role": "user", "text": "Say hello to {{#start.name#}}."}]}
            """;

    private List<String> chunks() {
        synchronized (ctx) {
            return List.copyOf(ctx.chunks);
        }
    }

    @Test
    void streamsDeltasInOrderAndTheFirstBeforeTheServerFinishes() throws Exception {
        ctx.pool.put("start", "name", "Ada");
        server.enqueue(Reply.stream(List.of("Hel", "lo", ", Ada"), Duration.ZERO).holdAfter(1).withUsage(21, 3));
        LlmConfig config = config(SIMPLE);

        CompletableFuture<NodeResult> result = CompletableFuture.supplyAsync(() -> node.execute(config, ctx));
        assertThat(server.awaitHolding(Duration.ofSeconds(5))).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (chunks().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(chunks()).containsExactly("Hel"); // seen while the server still holds the stream
        assertThat(result).isNotDone();
        server.release();
        NodeResult done = result.get(5, TimeUnit.SECONDS);

        assertThat(chunks()).containsExactly("Hel", "lo", ", Ada");
        assertThat(done.outputs()).containsEntry("text", "Hello, Ada").containsEntry("finish_reason", "stop");
        @SuppressWarnings("unchecked")
        Map<String, Object> usage = (Map<String, Object>) done.outputs().get("usage");
        assertThat(usage)
                .containsAllEntriesOf(Map.of("prompt_tokens", 21L, "completion_tokens", 3L, "total_tokens", 24L))
                .containsEntry("total_price", "0").containsEntry("currency", "USD"); // unpriced: this resolver is no gateway
        assertThat(done.usage()).isEqualTo(new TokenUsageSummary(21, 3, 24));
        assertThat(done.processData()).containsEntry("model_name", "gpt-4o-mini");
        assertThat(done.processData().get("prompts")).isEqualTo(List.of(
                Map.of("role", "system", "text", "You are terse."), Map.of("role", "user", "text", "Say hello to Ada.")));
        var sent = server.lastRequest();
        assertThat(sent.messages()).containsExactly(Map.entry("system", "You are terse."), Map.entry("user", "Say hello to Ada."));
        assertThat(sent.body().path("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(sent.body().path("temperature").asDouble()).isEqualTo(0.7);
    }

    @Test
    void memoryWindowInsertsTheLastTurnsBeforeTheQuery() {
        ctx.mode = AppMode.ADVANCED_CHAT;
        ctx.pool.put("sys", "query", "And tomorrow?");
        ctx.history.addAll(List.of(new ChatTurn("q1", "a1"), new ChatTurn("q2", "a2"), new ChatTurn("q3", "a3")));
        LlmConfig config = config("""
                {"model": {"provider": "openai", "name": "m", "mode": "chat"},
                 "prompt_template": [{"role": "system", "text": "You forecast weather."}],
                 "memory": {"window": {"enabled": true, "size": 2}, "query_prompt_template": "{{#sys.query#}}"}}
                """);

        node.execute(config, ctx);

        assertThat(server.lastRequest().messages()).containsExactly(
                Map.entry("system", "You forecast weather."),
                Map.entry("user", "q2"), Map.entry("assistant", "a2"),
                Map.entry("user", "q3"), Map.entry("assistant", "a3"),
                Map.entry("user", "And tomorrow?"));
    }

    @Test
    void memoryDoesNotRepeatAQueryTheTemplateAlreadyAsks() {
        ctx.mode = AppMode.ADVANCED_CHAT;
        ctx.pool.put("sys", "query", "Hi");
        ctx.history.add(new ChatTurn("earlier", "reply"));
        LlmConfig config = config("""
                {"model": {"provider": "openai", "name": "m", "mode": "chat"},
                 "prompt_template": [{"role": "system", "text": "S"}, {"role": "user", "text": "{{#sys.query#}}"}],
                 "memory": {"window": {"enabled": false}}}
                """);

        node.execute(config, ctx);

        assertThat(server.lastRequest().messages()).containsExactly(
                Map.entry("system", "S"), Map.entry("user", "earlier"), Map.entry("assistant", "reply"), Map.entry("user", "Hi"));
    }

    @Test
    void contextChunksReplaceTheContextPlaceholder() {
        ctx.pool.put("knowledge", "result", List.of(
                Map.of("content", "Weft runs graphs.", "title", "a.md"), Map.of("content", "Nodes stream text.", "title", "b.md")));
        LlmConfig config = config("""
                {"model": {"provider": "openai", "name": "m", "mode": "chat"},
                 "context": {"enabled": true, "variable_selector": ["knowledge", "result"]},
                 "prompt_template": [{"role": "system", "text": "Use this:\\n{{#context#}}"}, {"role": "user", "text": "What is Weft?"}]}
                """);

        NodeResult result = node.execute(config, ctx);

        assertThat(server.lastRequest().messages().get(0).getValue()).isEqualTo("Use this:\nWeft runs graphs.\n\nNodes stream text.");
        assertThat(result.inputs()).containsEntry("#context#", "Weft runs graphs.\n\nNodes stream text.");
    }

    @Test
    void structuredOutputIsRequestedAndParsedFromAFencedReply() {
        server.enqueue(Reply.text("```json\n{\"city\": \"Paris\", \"days\": 3}\n```"));
        LlmConfig config = config("""
                {"model": {"provider": "openai", "name": "m", "mode": "chat"},
                 "prompt_template": [{"role": "user", "text": "Plan a trip"}],
                 "structured_output_switch_on": true,
                 "structured_output": {"schema": {"type": "object",
                     "properties": {"city": {"type": "string"}, "days": {"type": "number"}}}}}
                """);

        NodeResult result = node.execute(config, ctx);

        assertThat(result.outputs().get("structured_output")).isEqualTo(Map.of("city", "Paris", "days", 3));
        var format = server.lastRequest().body().path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("schema").path("properties").has("city")).isTrue();
        assertThat(node.outputNames(config)).contains("structured_output");
    }

    @Test
    void structuredOutputThatIsNotJsonIsANodeError() {
        server.enqueue(Reply.text("Sure! Paris for three days."));
        LlmConfig config = config("""
                {"model": {"provider": "openai", "name": "m"}, "prompt_template": [{"role": "user", "text": "x"}],
                 "structured_output_enabled": true, "structured_output": {"schema": {"type": "object"}}}
                """);

        assertThatThrownBy(() -> node.execute(config, ctx))
                .isInstanceOfSatisfying(NodeExecutionException.class, e -> assertThat(e.type()).isEqualTo("StructuredOutputError"))
                .hasMessageContaining("not a JSON object")
                .hasMessageContaining("Sure! Paris");
    }

    @Test
    void anUpstream500IsANodeErrorCarryingTheUpstreamMessage() {
        server.enqueue(Reply.error(500, "The model is overloaded."));

        assertThatThrownBy(() -> node.execute(config(SIMPLE), ctx))
                .isInstanceOfSatisfying(NodeExecutionException.class, e -> assertThat(e.type()).isEqualTo(ModelCaller.ERROR_TYPE))
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("The model is overloaded.");
    }

    @Test
    void interruptingTheThreadStopsAHangingStreamWithinASecond() throws Exception {
        server.enqueue(Reply.stream(List.of("one", "two"), Duration.ZERO).holdAfter(1));
        LlmConfig config = config(SIMPLE);
        AtomicReference<Throwable> error = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                node.execute(config, ctx);
            } catch (Throwable t) {
                error.set(t);
            }
        });
        assertThat(server.awaitHolding(Duration.ofSeconds(5))).isTrue();

        long started = System.nanoTime();
        runner.interrupt();
        runner.join(Duration.ofSeconds(1));

        assertThat(runner.isAlive()).as("node still running a second after the interrupt").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(error.get()).isInstanceOf(CancellationException.class);
    }

    @Test
    void aStoppedRunStopsTheStreamAtTheNextDelta() {
        server.enqueue(Reply.stream(List.of("one", "two", "three"), Duration.ZERO).holdAfter(1));
        LlmConfig config = config(SIMPLE);
        CompletableFuture<NodeResult> result = CompletableFuture.supplyAsync(() -> node.execute(config, ctx));

        try {
            assertThat(server.awaitHolding(Duration.ofSeconds(5))).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (chunks().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            ctx.cancelled = true;
            server.release();
            assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(CancellationException.class);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(chunks()).containsExactly("one");
    }

    @Test
    void completionModeAcceptsASinglePromptObject() {
        ctx.pool.put("sys", "query", "rain?");
        ctx.history.add(new ChatTurn("sun?", "yes"));
        LlmConfig config = config("""
                {"model": {"provider": "openai", "name": "m", "mode": "completion"},
                 "prompt_template": {"text": "History:\\n{{#histories#}}\\nQ: {{#sys.query#}}"},
                 "memory": {"role_prefix": {"user": "User", "assistant": "Bot"}}}
                """);

        node.execute(config, ctx);

        assertThat(server.lastRequest().messages()).containsExactly(Map.entry("user", "History:\nUser: sun?\nBot: yes\nQ: rain?"));
    }

    @Test
    void jinja2PromptsUseTheirVariables() {
        ctx.pool.put("start", "items", List.of("tea", "cake"));
        LlmConfig config = config("""
                {"model": {"provider": "openai", "name": "m", "mode": "chat"},
                 "prompt_config": {"jinja2_variables": [{"variable": "items", "value_selector": ["start", "items"]}]},
                 "prompt_template": [{"role": "user", "edition_type": "jinja2", "text": "unused",
                                      "jinja2_text": "Buy {% for i in items %}{{ i }}{% if not loop.last %} and {% endif %}{% endfor %}."}]}
                """);

        node.execute(config, ctx);

        assertThat(server.lastRequest().messages()).containsExactly(Map.entry("user", "Buy tea and cake."));
        assertThat(node.inputSelectors(config)).extracting(Object::toString).containsExactly("start.items");
    }

    @Test
    void validationNamesTheFieldsThatAreWrong() {
        LlmConfig config = config("""
                {"model": {"provider": "", "name": "m"},
                 "prompt_template": [{"role": "robot", "text": "x"}],
                 "context": {"enabled": true},
                 "structured_output_switch_on": true}
                """);

        assertThat(node.validate(config)).extracting(p -> p.field())
                .containsExactly("model.provider", "prompt_template[0].role", "context.variable_selector", "structured_output.schema");
        assertThat(node.validate(config(SIMPLE))).isEmpty();
        assertThat(node.inputSelectors(config(SIMPLE))).extracting(Object::toString).containsExactly("start.name");
    }

    @Test
    void aMalformedGatewayPolicyIsAProblemAndANodeErrorNamingTheField() {
        LlmConfig config = config("""
                {"model": {"provider": "openai", "name": "gpt-4o-mini", "gateway": {"cache": {"ttl_seconds": "an hour"}}},
                 "prompt_template": [{"role": "user", "text": "hi"}]}
                """);
        assertThat(node.validate(config)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("model.gateway.cache.ttl_seconds");
            assertThat(p.message()).contains("must be a number of seconds above 0");
        });
        assertThatThrownBy(() -> node.execute(config, ctx))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("The LLM node 'llm' has a malformed gateway policy: gateway policy field model.gateway.cache.ttl_seconds");
        assertThat(server.callCount()).isZero();
    }
}
