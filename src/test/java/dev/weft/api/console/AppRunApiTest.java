package dev.weft.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Runs over real HTTP: failures in the stream, stopping a run, chat apps, and the run history. */
class AppRunApiTest extends ConsoleApiTestBase {

    private static final String BRANCHES = resource("/apps/workflow-branches.json");

    /** An advanced-chat app that answers without a model. */
    private static final String ECHO_CHAT = """
            {"schema": "weft/v1", "mode": "advanced-chat",
             "graph": {"nodes": [
               {"id": "start", "type": "custom", "position": {"x": 0, "y": 0},
                "data": {"type": "start", "title": "Start", "variables": []}},
               {"id": "answer", "type": "custom", "position": {"x": 300, "y": 0},
                "data": {"type": "answer", "title": "Answer", "answer": "You said: {{#sys.query#}} (turn {{#sys.dialogue_count#}})"}}],
              "edges": [{"id": "e1", "source": "start", "target": "answer"}]}}
            """;

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final CountDownLatch REQUEST_ARRIVED = new CountDownLatch(1);
    private static HttpServer silent;

    /** A server that takes requests and never answers them until the tests end. */
    @BeforeAll
    static void startSilentServer() throws Exception {
        silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        silent.createContext("/", exchange -> {
            REQUEST_ARRIVED.countDown();
            try {
                RELEASE.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.start();
    }

    @AfterAll
    static void stopSilentServer() {
        RELEASE.countDown();
        silent.stop(0);
    }

    @Test
    void aFailingRunStreamsAnErrorEventUnderHttp200() {
        String id = createApp("Fails", "workflow");
        putJson("/api/apps/" + id + "/draft", BRANCHES);

        try (EventStream stream = stream("/api/apps/" + id + "/run", Map.of("inputs", Map.of(), "response_mode", "streaming"))) {
            assertThat(stream.status()).isEqualTo(200);
            List<JsonNode> events = stream.rest();
            List<String> names = events.stream().map(e -> e.get("event").asString()).toList();
            assertThat(names).containsExactly("workflow_started", "node_started", "node_finished", "workflow_finished", "error");
            assertThat(events.get(2).get("data").get("status").asString()).isEqualTo("failed");
            assertThat(events.get(3).get("data").get("status").asString()).isEqualTo("failed");
            JsonNode error = events.getLast();
            assertThat(error.get("message").asString()).contains("'Question' is required");
            assertThat(error.get("code").asString()).isNotBlank();
            assertThat(error.get("task_id").asString()).isEqualTo(events.getFirst().get("task_id").asString());
        }

        JsonNode blocking = postJson("/api/apps/" + id + "/run", Map.of("inputs", Map.of())).json();
        assertThat(blocking.get("data").get("status").asString()).isEqualTo("failed");
        assertThat(blocking.get("data").get("error").asString()).contains("'Question' is required");
    }

    @Test
    void aRunIsStoppedByItsTaskId() throws Exception {
        String id = createApp("Hangs", "workflow");
        String url = "http://127.0.0.1:" + silent.getAddress().getPort() + "/slow";
        String definition = """
                {"schema": "weft/v1", "mode": "workflow",
                 "graph": {"nodes": [
                   {"id": "start", "data": {"type": "start", "title": "Start", "variables": []}},
                   {"id": "fetch", "data": {"type": "http-request", "title": "Fetch", "method": "get", "url": "%s"}},
                   {"id": "end", "data": {"type": "end", "title": "End", "outputs": [{"variable": "body", "value_selector": ["fetch", "body"]}]}}],
                  "edges": [{"id": "e1", "source": "start", "target": "fetch"}, {"id": "e2", "source": "fetch", "target": "end"}]}}
                """.formatted(url);
        assertThat(putJson("/api/apps/" + id + "/draft", definition).status()).isEqualTo(200);

        try (EventStream stream = stream("/api/apps/" + id + "/run", Map.of("response_mode", "streaming"))) {
            JsonNode first = stream.next();
            assertThat(first.get("event").asString()).isEqualTo("workflow_started");
            String taskId = first.get("task_id").asString();
            String runId = first.get("workflow_run_id").asString();
            JsonNode event;
            do {
                event = stream.next();
            } while (!(event.get("event").asString().equals("node_started") && event.get("data").get("node_id").asString().equals("fetch")));
            assertThat(REQUEST_ARRIVED.await(30, TimeUnit.SECONDS)).isTrue();

            long stopAt = System.nanoTime();
            Response stopped = send("POST", "/api/tasks/" + taskId + "/stop", null, null);
            assertThat(stopped.status()).isEqualTo(200);
            assertThat(stopped.json().get("result").asString()).isEqualTo("success");

            List<JsonNode> rest = stream.rest();
            Duration tookToStop = Duration.ofNanos(System.nanoTime() - stopAt);
            JsonNode finished = rest.getLast();
            assertThat(finished.get("event").asString()).isEqualTo("workflow_finished");
            assertThat(finished.get("data").get("status").asString()).isEqualTo("stopped");
            assertThat(tookToStop).isLessThan(Duration.ofSeconds(10));
            assertThat(get("/api/runs/" + runId).json().get("status").asString()).isEqualTo("stopped");
        }
        assertThatCode(() -> send("POST", "/api/tasks/no-such-task/stop", null, null)).doesNotThrowAnyException();
    }

    @Test
    void aChatAppStreamsMessageEventsAndMessageEndBeforeWorkflowFinished() {
        String id = createApp("Echo", "advanced-chat");
        assertThat(putJson("/api/apps/" + id + "/draft", ECHO_CHAT).status()).isEqualTo(200);

        List<JsonNode> events;
        try (EventStream stream = stream("/api/apps/" + id + "/run",
                Map.of("query", "hi there", "response_mode", "streaming", "user", "u1"))) {
            assertThat(stream.status()).isEqualTo(200);
            events = stream.rest();
        }
        List<String> names = events.stream().map(e -> e.get("event").asString()).toList();
        assertThat(names.getFirst()).isEqualTo("workflow_started");
        assertThat(names).contains("message").doesNotContain("text_chunk", "error");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("message_end", "workflow_finished");
        String conversationId = events.getFirst().get("conversation_id").asString();
        String messageId = events.getFirst().get("message_id").asString();
        assertThat(conversationId).isNotBlank();
        StringBuilder answer = new StringBuilder();
        for (JsonNode e : events) {
            assertThat(e.get("conversation_id").asString()).isEqualTo(conversationId);
            assertThat(e.get("message_id").asString()).isEqualTo(messageId);
            if (e.get("event").asString().equals("message")) {
                assertThat(e.get("id").asString()).isEqualTo(messageId);
                assertThat(e.get("created_at").asLong()).isPositive();
                answer.append(e.get("answer").asString());
            }
        }
        assertThat(answer).hasToString("You said: hi there (turn 0)");
        JsonNode end = events.get(names.size() - 2);
        assertThat(end.get("metadata").get("usage").get("total_tokens").asLong()).isZero();
        assertThat(end.get("metadata").get("usage").get("currency").asString()).isEqualTo("USD");
        assertThat(events.getLast().get("data").get("outputs").get("answer").asString()).isEqualTo("You said: hi there (turn 0)");

        JsonNode blocking = postJson("/api/apps/" + id + "/run", Map.of("query", "again", "user", "u1",
                "conversation_id", conversationId, "response_mode", "blocking")).json();
        assertThat(blocking.get("event").asString()).isEqualTo("message");
        assertThat(blocking.get("mode").asString()).isEqualTo("advanced-chat");
        assertThat(blocking.get("conversation_id").asString()).isEqualTo(conversationId);
        assertThat(blocking.get("id").asString()).isEqualTo(blocking.get("message_id").asString()).isNotEqualTo(messageId);
        assertThat(blocking.get("answer").asString()).isEqualTo("You said: again (turn 1)");
        assertThat(blocking.get("metadata").get("usage").has("latency")).isTrue();
        assertThat(blocking.get("task_id").asString()).isNotBlank();

        Response unknown = postJson("/api/apps/" + id + "/run", Map.of("query", "x", "user", "u1",
                "conversation_id", "00000000-0000-0000-0000-000000000000"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asString()).isEqualTo("not_found");
    }

    @Test
    void runsAreListedAndReadWithTheirNodeRuns() {
        String id = createApp("History", "workflow");
        putJson("/api/apps/" + id + "/draft", BRANCHES);
        String first = postJson("/api/apps/" + id + "/run", Map.of("inputs", Map.of("q", "hello"))).json().get("workflow_run_id").asString();
        String second = postJson("/api/apps/" + id + "/run", Map.of("inputs", Map.of("q", "bye"))).json().get("workflow_run_id").asString();

        JsonNode runs = get("/api/apps/" + id + "/runs?limit=10").json().get("data");
        assertThat(runs.valueStream().map(r -> r.get("id").asString())).containsExactlyInAnyOrder(first, second);
        assertThat(get("/api/apps/" + id + "/runs?limit=1").json().get("data").size()).isEqualTo(1);
        assertThat(get("/api/apps/" + id + "/runs?limit=0").status()).isEqualTo(400);

        JsonNode run = get("/api/runs/" + first).json();
        assertThat(run.get("id").asString()).isEqualTo(first);
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("inputs").get("q").asString()).isEqualTo("hello");
        assertThat(run.get("outputs").get("result").asString()).isEqualTo("Hi! You said hello");
        assertThat(run.get("node_runs").valueStream().map(n -> n.get("node_id").asString()))
                .containsExactly("start", "check", "t1", "agg", "end");
        assertThat(run.get("node_runs").get(2).get("outputs").get("output").asString()).isEqualTo("Hi! You said hello");

        assertThat(get("/api/runs/nope").status()).isEqualTo(404);
        assertThat(postJson("/api/apps/" + id + "/run", Map.of("response_mode", "sideways")).status()).isEqualTo(400);
        assertThat(postJson("/api/apps/" + id + "/run?version=3", Map.of()).status()).isEqualTo(404);
    }
}
