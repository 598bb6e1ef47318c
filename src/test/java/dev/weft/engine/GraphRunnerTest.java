package dev.weft.engine;

import static dev.weft.engine.TestGraphs.graph;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.node.NodeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GraphRunnerTest {

    private final GraphRunner runner = new GraphRunner(EngineProperties.defaults());
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    private RunResult run(TestGraphs g, AppMode mode, Map<String, Object> inputs) {
        return runner.run(g.compile(), RunRequest.of("r1", mode, inputs, Map.of("query", "hi")), events::add);
    }

    @Test
    void workflow_outputs_come_from_the_end_node() {
        RunResult result = run(graph()
                .node("start", "start", "{\"variables\":[{\"variable\":\"name\",\"type\":\"text-input\",\"required\":true}]}")
                .node("end", "end", "{\"outputs\":[{\"variable\":\"greeting\",\"value_selector\":[\"start\",\"name\"]}]}")
                .edge("start", "end"), AppMode.WORKFLOW, Map.of("name", "Ada"));

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.outputs()).containsEntry("greeting", "Ada");
        assertThat(events.getFirst()).isInstanceOf(RunEvent.WorkflowStarted.class);
        assertThat(events.getLast()).isInstanceOf(RunEvent.WorkflowFinished.class);
        assertThat(events).filteredOn(RunEvent.NodeFinished.class::isInstance).hasSize(2);
    }

    @Test
    void a_missing_required_input_fails_the_run_with_an_error_event() {
        RunResult result = run(graph()
                .node("start", "start", "{\"variables\":[{\"variable\":\"name\",\"label\":\"Name\",\"required\":true}]}")
                .node("end", "end", "{}")
                .edge("start", "end"), AppMode.WORKFLOW, Map.of());

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error()).contains("'Name' is required");
        assertThat(events.getLast()).isInstanceOf(RunEvent.Error.class);
    }

    @Test
    void parallel_branches_run_concurrently_and_join() {
        long t0 = System.nanoTime();
        RunResult result = run(graph()
                .node("start", "start", "{}")
                .node("a", "sleep", "{\"ms\":300,\"value\":\"A\"}")
                .node("b", "sleep", "{\"ms\":300,\"value\":\"B\"}")
                .node("end", "end", "{\"outputs\":[{\"variable\":\"a\",\"value_selector\":[\"a\",\"text\"]},"
                        + "{\"variable\":\"b\",\"value_selector\":[\"b\",\"text\"]}]}")
                .edge("start", "a").edge("start", "b").edge("a", "end").edge("b", "end"), AppMode.WORKFLOW, Map.of());
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.outputs()).containsEntry("a", "A").containsEntry("b", "B");
        assertThat(millis).as("two 300 ms branches in parallel").isLessThan(550);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.NodeStarted n && n.nodeId().equals("end")).hasSize(1);
    }

    @Test
    void retries_then_takes_the_fail_branch() {
        RunResult result = run(graph()
                .node("start", "start", "{}")
                .node("flaky", "fail", "{\"key\":\"retry-fail\",\"failures\":0,"
                        + "\"retry_config\":{\"retry_enabled\":true,\"max_retries\":2,\"retry_interval\":10},"
                        + "\"error_strategy\":\"fail-branch\"}")
                .node("ok", "end", "{\"outputs\":[{\"variable\":\"r\",\"value_selector\":[\"flaky\",\"text\"]}]}")
                .node("handled", "end", "{\"outputs\":[{\"variable\":\"err\",\"value_selector\":[\"flaky\",\"error_message\"]}]}")
                .edge("start", "flaky").edge("flaky", "source", "ok").edge("flaky", "fail-branch", "handled"),
                AppMode.WORKFLOW, Map.of());

        assertThat(events).filteredOn(RunEvent.NodeRetry.class::isInstance).hasSize(2);
        assertThat(TestGraphs.CALLS.get("retry-fail").get()).isEqualTo(3);
        assertThat(result.status()).isEqualTo(RunStatus.PARTIAL_SUCCEEDED);
        assertThat(result.outputs()).containsEntry("err", "boom 3").doesNotContainKey("r");
        assertThat(events).filteredOn(e -> e instanceof RunEvent.NodeFinished f && f.nodeId().equals("flaky"))
                .singleElement().extracting(e -> ((RunEvent.NodeFinished) e).status()).isEqualTo(NodeStatus.EXCEPTION);
    }

    @Test
    void a_retry_that_succeeds_takes_the_normal_path() {
        RunResult result = run(graph()
                .node("start", "start", "{}")
                .node("flaky", "fail", "{\"key\":\"retry-ok\",\"failures\":1,"
                        + "\"retry_config\":{\"retry_enabled\":true,\"max_retries\":3,\"retry_interval\":1},"
                        + "\"error_strategy\":\"fail-branch\"}")
                .node("ok", "end", "{\"outputs\":[{\"variable\":\"r\",\"value_selector\":[\"flaky\",\"text\"]}]}")
                .node("handled", "end", "{\"outputs\":[{\"variable\":\"err\",\"value_selector\":[\"flaky\",\"error_message\"]}]}")
                .edge("start", "flaky").edge("flaky", "source", "ok").edge("flaky", "fail-branch", "handled"),
                AppMode.WORKFLOW, Map.of());

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.outputs()).containsEntry("r", "ok after 2").doesNotContainKey("err");
    }

    @Test
    void default_value_strategy_replaces_the_outputs() {
        RunResult result = run(graph()
                .node("start", "start", "{}")
                .node("bad", "fail", "{\"key\":\"dv\",\"error_strategy\":\"default-value\","
                        + "\"default_value\":[{\"key\":\"text\",\"type\":\"string\",\"value\":\"fallback\"}]}")
                .node("end", "end", "{\"outputs\":[{\"variable\":\"r\",\"value_selector\":[\"bad\",\"text\"]}]}")
                .edge("start", "bad").edge("bad", "end"), AppMode.WORKFLOW, Map.of());

        assertThat(result.status()).isEqualTo(RunStatus.PARTIAL_SUCCEEDED);
        assertThat(result.outputs()).containsEntry("r", "fallback");
    }

    @Test
    void an_unhandled_failure_fails_the_run() {
        RunResult result = run(graph()
                .node("start", "start", "{}")
                .node("bad", "fail", "{\"key\":\"unhandled\"}")
                .node("end", "end", "{}")
                .edge("start", "bad").edge("bad", "end"), AppMode.WORKFLOW, Map.of());

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error()).contains("boom 1");
        assertThat(events).noneMatch(e -> e instanceof RunEvent.NodeStarted n && n.nodeId().equals("end"));
    }

    @Test
    void stop_cancels_a_running_node() throws Exception {
        RunHandle handle = runner.start(graph()
                .node("start", "start", "{}")
                .node("slow", "sleep", "{\"ms\":30000}")
                .node("end", "end", "{}")
                .edge("start", "slow").edge("slow", "end").compile(),
                RunRequest.of("r-stop", AppMode.WORKFLOW, Map.of(), Map.of()), events::add);
        waitFor(() -> events.stream().anyMatch(e -> e instanceof RunEvent.NodeStarted n && n.nodeId().equals("slow")));

        handle.stop();
        RunResult result = handle.await(Duration.ofSeconds(2));

        assertThat(result.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.NodeFinished f && f.nodeId().equals("slow"))
                .singleElement().extracting(e -> ((RunEvent.NodeFinished) e).status()).isEqualTo(NodeStatus.STOPPED);
    }

    @Test
    void a_node_over_its_time_limit_fails() {
        RunResult result = run(graph()
                .node("start", "start", "{}")
                .node("slow", "sleep", "{\"ms\":30000,\"timeout_seconds\":0.2}")
                .node("end", "end", "{}")
                .edge("start", "slow").edge("slow", "end"), AppMode.WORKFLOW, Map.of());

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error()).contains("timed out after 0.2 s");
    }

    @Test
    void a_run_over_its_time_limit_fails() throws Exception {
        RunResult result = runner.start(graph()
                .node("start", "start", "{}")
                .node("slow", "sleep", "{\"ms\":30000}")
                .edge("start", "slow").compile(),
                new RunRequest("r-t", null, AppMode.WORKFLOW, Map.of(), Map.of(), null, null, null, Duration.ofMillis(200)),
                events::add).await(Duration.ofSeconds(3));

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error()).contains("time limit");
    }

    @Test
    void branches_not_taken_are_skipped_and_their_answers_stay_silent() {
        RunResult result = run(graph()
                .node("start", "start", "{}")
                .node("pick", "pick", "{\"handle\":\"{{#sys.query#}}\"}")
                .node("yes", "answer", "{\"answer\":\"YES\"}")
                .node("no", "answer", "{\"answer\":\"NO\"}")
                .node("after_no", "sleep", "{\"ms\":0}")
                .edge("start", "pick").edge("pick", "hi", "yes").edge("pick", "other", "no").edge("no", "after_no"),
                AppMode.ADVANCED_CHAT, Map.of());

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.answer()).isEqualTo("YES");
        assertThat(events).noneMatch(e -> e instanceof RunEvent.NodeStarted n
                && (n.nodeId().equals("no") || n.nodeId().equals("after_no")));
    }

    @Test
    void answer_streams_chunks_before_the_source_node_finishes() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        TestGraphs.LATCHES.put("stream-hold", hold);
        RunHandle handle = runner.start(graph()
                .node("start", "start", "{}")
                .node("llm", "stream", "{\"chunks\":[\"Hel\",\"lo\"],\"hold\":\"stream-hold\"}")
                .node("answer", "answer", "{\"answer\":\"<{{#llm.text#}}> to {{#sys.query#}}\"}")
                .edge("start", "llm").edge("llm", "answer").compile(),
                RunRequest.of("r-s", AppMode.ADVANCED_CHAT, Map.of(), Map.of("query", "you")), events::add);

        waitFor(() -> events.stream().filter(RunEvent.TextChunk.class::isInstance).count() >= 3);
        assertThat(handle.isDone()).isFalse();
        assertThat(events).noneMatch(e -> e instanceof RunEvent.NodeFinished f && f.nodeId().equals("llm"));
        hold.countDown();
        RunResult result = handle.await(Duration.ofSeconds(5));

        assertThat(result.answer()).isEqualTo("<Hello> to you");
        assertThat(events).filteredOn(RunEvent.TextChunk.class::isInstance)
                .extracting(e -> ((RunEvent.TextChunk) e).text())
                .containsExactly("<", "Hel", "lo", "> to ", "you");
    }

    @Test
    void iteration_runs_ten_items_four_at_a_time_and_keeps_their_order() {
        TestGraphs.GAUGE_MAX.set(0);
        List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        RunResult result = run(graph()
                .node("start", "start", "{\"variables\":[{\"variable\":\"items\",\"type\":\"json_object\"}]}")
                .node("loop", "iteration", "{\"iterator_selector\":[\"start\",\"items\"],\"output_selector\":[\"double\",\"output\"],"
                        + "\"start_node_id\":\"loop_start\",\"is_parallel\":true,\"parallel_nums\":4}")
                .inside("loop", "loop_start", "iteration-start", "{}")
                .inside("loop", "wait", "gauge", "{\"ms\":100}")
                .inside("loop", "double", "template-transform", "{\"variables\":[{\"variable\":\"x\",\"value_selector\":[\"loop\",\"item\"]}],"
                        + "\"template\":\"{{ x * 2 }}\"}")
                .node("end", "end", "{\"outputs\":[{\"variable\":\"doubled\",\"value_selector\":[\"loop\",\"output\"]}]}")
                .edge("start", "loop").edge("loop_start", "wait").edge("wait", "double").edge("loop", "end"),
                AppMode.WORKFLOW, Map.of("items", items));

        assertThat(result.status()).as(result.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.outputs().get("doubled")).asList()
                .containsExactly("2", "4", "6", "8", "10", "12", "14", "16", "18", "20");
        assertThat(TestGraphs.GAUGE_MAX.get()).isEqualTo(4);
        assertThat(events).filteredOn(e -> e instanceof RunEvent.NodeFinished f && "wait".equals(f.nodeId())
                && "loop".equals(f.iterationId())).hasSize(10);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 5 s");
            }
            Thread.sleep(5);
        }
    }
}
