package dev.weft.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.node.NodeStatus;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A chat app Start → LLM → Answer against a fake OpenAI-compatible server on 127.0.0.1 speaking the real
 * SSE wire format: tokens reach the event stream in order while the server is still streaming, memory
 * carries earlier turns, and a stop ends a hanging model call.
 */
@SpringBootTest
class ChatAppStreamingTest {

    static final java.util.concurrent.atomic.AtomicInteger PROVIDERS = new java.util.concurrent.atomic.AtomicInteger();

    FakeOpenAiServer FAKE;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("chatstream").toString());
    }

    @AfterEach
    void stopFake() {
        FAKE.close();
    }

    @Autowired AppRunService runs;
    @Autowired AppService apps;
    @Autowired AccountService accounts;
    @Autowired ModelProviderService providers;
    @Autowired DefinitionParser parser;

    Account owner;
    App app;

    @BeforeEach
    void chatApp() {
        if (!accounts.hasAccounts()) {
            accounts.createOwner("Test", "owner@example.com", "Owner", "correct horse battery");
        }
        FAKE = FakeOpenAiServer.start();
        String provider = "fake" + PROVIDERS.incrementAndGet();
        providers.create(ModelProviderDraft.openAiCompatible(provider, FAKE.baseUrl(), "sk-fake-key", "gpt-fake"));
        owner = accounts.findByEmail("owner@example.com").orElseThrow();
        app = apps.create(owner.getWorkspaceId(), "Streaming chat", AppMode.ADVANCED_CHAT, null, owner.getId());
        apps.saveDraft(app.getId(), parser.parse("""
                {"mode":"advanced-chat","graph":{"nodes":[
                  {"id":"start","position":{"x":0,"y":0},"data":{"type":"start","title":"Start","variables":[]}},
                  {"id":"llm","position":{"x":200,"y":0},"data":{"type":"llm","title":"LLM",
                    "model":{"provider":"langgenius/openai/PROVIDER","name":"gpt-fake","mode":"chat","completion_params":{"temperature":0.2}},
                    "prompt_template":[{"role":"system","text":"You are terse."},{"role":"user","text":"{{#sys.query#}}"}],
                    "memory":{"window":{"enabled":true,"size":5}}}},
                  {"id":"answer","position":{"x":400,"y":0},"data":{"type":"answer","title":"Answer","answer":"{{#llm.text#}}"}}],
                 "edges":[{"source":"start","target":"llm"},{"source":"llm","target":"answer"}]}}
                """.replace("PROVIDER", provider)), owner.getId());
    }

    @Test
    void tokens_stream_in_order_and_the_first_arrives_before_the_model_finishes() throws Exception {
        FAKE.enqueue(Reply.stream(List.of("Hel", "lo", " wor", "ld"), Duration.ofMillis(10)).holdAfter(2));
        List<RunEvent> events = new CopyOnWriteArrayList<>();

        AppRunService.StartedRun run = runs.start(command("hi", null), events::add);

        assertThat(FAKE.awaitHolding(Duration.ofSeconds(10))).as("the fake holds its stream after two tokens").isTrue();
        waitFor(() -> chunks(events).size() >= 2);
        assertThat(chunks(events)).containsExactly("Hel", "lo");
        assertThat(run.handle().isDone()).isFalse();
        FAKE.release();
        RunResult result = run.completion().get(10, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(chunks(events)).containsExactly("Hel", "lo", " wor", "ld");
        assertThat(result.answer()).isEqualTo("Hello world");
        assertThat(FAKE.lastRequest().header("Authorization")).isEqualTo("Bearer sk-fake-key");
        assertThat(FAKE.lastRequest().body().get("stream").asBoolean()).isTrue();
        assertThat(events).filteredOn(e -> e instanceof RunEvent.NodeFinished f && f.nodeId().equals("llm"))
                .singleElement().satisfies(e -> assertThat(((RunEvent.NodeFinished) e).usage().totalTokens()).isPositive());
    }

    @Test
    void the_second_turn_sends_the_first_as_memory() throws Exception {
        FAKE.enqueue(Reply.stream(List.of("Paris"), Duration.ZERO), Reply.stream(List.of("About 2 million"), Duration.ZERO));

        AppRunService.StartedRun first = runs.start(command("Capital of France?", null), e -> { });
        first.completion().get(10, TimeUnit.SECONDS);
        RunResult second = runs.start(command("Population?", first.conversationId()), e -> { })
                .completion().get(10, TimeUnit.SECONDS);

        assertThat(second.answer()).isEqualTo("About 2 million");
        assertThat(FAKE.lastRequest().messages()).extracting(Map.Entry::getValue)
                .containsExactly("You are terse.", "Capital of France?", "Paris", "Population?");
    }

    @Test
    void stop_cancels_a_running_llm_node() throws Exception {
        FAKE.enqueue(Reply.hang());
        List<RunEvent> events = new CopyOnWriteArrayList<>();
        AppRunService.StartedRun run = runs.start(command("wait forever", null), events::add);
        waitFor(() -> events.stream().anyMatch(e -> e instanceof RunEvent.NodeStarted n && n.nodeId().equals("llm")));
        Thread.sleep(100);

        long t0 = System.nanoTime();
        assertThat(runs.stop(run.taskId())).isTrue();
        RunResult result = run.completion().get(5, TimeUnit.SECONDS);

        assertThat(result.status()).isEqualTo(RunStatus.STOPPED);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("stop takes effect within 2 s").isLessThan(2000);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.NodeFinished f && f.nodeId().equals("llm"))
                .singleElement().extracting(e -> ((RunEvent.NodeFinished) e).status()).isEqualTo(NodeStatus.STOPPED);
        FAKE.release();
    }

    private AppRunService.RunCommand command(String query, String conversationId) {
        return new AppRunService.RunCommand(app.getId(), null, Map.of(), query, "user-1", CreatedByRole.END_USER,
                conversationId, null, null);
    }

    private static List<String> chunks(List<RunEvent> events) {
        return events.stream().filter(RunEvent.TextChunk.class::isInstance).map(e -> ((RunEvent.TextChunk) e).text()).toList();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(5);
        }
    }
}
