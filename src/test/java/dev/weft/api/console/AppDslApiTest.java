package dev.weft.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Importing Dify DSL files through the API, running what was imported, and exporting it again. */
class AppDslApiTest extends ConsoleApiTestBase {

    private static final String IF_ELSE = resource("/dsl/workflow-if-else.yml");

    @Test
    void theIfElseFixtureImportsAndStreamsBothBranches() {
        JsonNode imported = importYaml("application/x-yaml", IF_ELSE);
        assertThat(imported.get("name").asString()).isEqualTo("Greeter");
        assertThat(imported.get("mode").asString()).isEqualTo("workflow");
        assertThat(imported.get("status").asString()).isEqualTo("completed");
        String id = imported.get("id").asString();

        List<JsonNode> greeting = streamRun(id, "well hello there");
        List<JsonNode> echo = streamRun(id, "good bye");

        assertThat(finished(greeting).get("outputs").get("reply").asString()).isEqualTo("Hello to you too! You wrote: well hello there");
        assertThat(finished(echo).get("outputs").get("reply").asString()).isEqualTo("GOOD BYE");
        assertThat(finishedNodes(greeting)).contains("Greet").doesNotContain("Echo");
        assertThat(finishedNodes(echo)).contains("Echo").doesNotContain("Greet");
    }

    @Test
    void theIfElseFixtureRunsBlocking() {
        String id = importYaml("text/yaml", IF_ELSE).get("id").asString();

        Response response = postJson("/api/apps/" + id + "/run",
                Map.of("inputs", Map.of("message", "hello"), "response_mode", "blocking"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("task_id").asString()).isNotBlank();
        JsonNode data = body.get("data");
        assertThat(data.get("id").asString()).isEqualTo(body.get("workflow_run_id").asString());
        assertThat(data.get("workflow_id").asString()).isNotBlank();
        assertThat(data.get("status").asString()).isEqualTo("succeeded");
        assertThat(data.get("outputs").get("reply").asString()).isEqualTo("Hello to you too! You wrote: hello");
        assertThat(data.get("error").isNull()).isTrue();
        assertThat(data.get("total_steps").asInt()).isEqualTo(5);
        assertThat(data.get("created_at").asLong()).isPositive();
        assertThat(data.get("finished_at").asLong()).isGreaterThanOrEqualTo(data.get("created_at").asLong());
    }

    @Test
    void difysYamlContentJsonFormImportsToo() {
        Response response = postJson("/api/apps/import", Map.of("mode", "yaml-content", "yaml_content", IF_ELSE));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asString()).isEqualTo("Greeter");

        Response byUrl = postJson("/api/apps/import", Map.of("mode", "yaml-url", "yaml_url", "https://example.com/a.yml"));
        assertThat(byUrl.status()).isEqualTo(400);
        assertThat(byUrl.json().get("message").asString()).contains("yaml_content");
    }

    @Test
    void aCodeNodeFailsTheImportNamingIt() {
        Response response = send("POST", "/api/apps/import", "application/x-yaml", resource("/dsl/workflow-with-code.yml"));

        assertThat(response.status()).isEqualTo(400);
        JsonNode body = response.json();
        assertThat(body.get("code").asString()).isEqualTo("invalid_definition");
        assertThat(body.get("message").asString()).contains("unsupported node type 'code'");
        assertThat(body.get("errors").get(0).get("path").asString()).startsWith("$.workflow.graph.nodes[");
        assertThat(get("/api/apps").json().get("data").valueStream().map(a -> a.get("name").asString())).doesNotContain("Adder");
    }

    @Test
    void brokenYamlNamesWhereItBroke() {
        Response response = send("POST", "/api/apps/import", "text/plain", "app:\n  name: [unclosed\nkind: app\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("line");
    }

    @Test
    void exportThenImportKeepsTheGraph() {
        String id = importYaml("application/x-yaml", IF_ELSE).get("id").asString();

        Response export = get("/api/apps/" + id + "/export?include_secret=false");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Disposition")).isEqualTo("attachment; filename=\"Greeter.yml\"");
        assertThat(export.header("Content-Type")).startsWith("application/x-yaml");
        assertThat(export.body()).contains("kind: app").contains("mode: workflow");

        String copy = importYaml("application/x-yaml", export.body()).get("id").asString();
        JsonNode original = get("/api/apps/" + id + "/draft").json().get("graph");
        JsonNode roundTripped = get("/api/apps/" + copy + "/draft").json().get("graph");
        assertThat(roundTripped.get("nodes")).isEqualTo(original.get("nodes"));
        assertThat(roundTripped.get("edges")).isEqualTo(original.get("edges"));
        assertThat(finished(streamRun(copy, "hello")).get("status").asString()).isEqualTo("succeeded");
    }

    private JsonNode importYaml(String contentType, String yaml) {
        Response response = send("POST", "/api/apps/import", contentType, yaml);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Runs the Greeter with {@code message}, streaming, and checks the stream's framing and event order. */
    private List<JsonNode> streamRun(String appId, String message) {
        try (EventStream stream = stream("/api/apps/" + appId + "/run",
                Map.of("inputs", Map.of("message", message), "response_mode", "streaming", "user", "tester"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            List<JsonNode> events = stream.rest();
            List<String> names = events.stream().map(e -> e.get("event").asString()).toList();
            assertThat(names.getFirst()).isEqualTo("workflow_started");
            assertThat(names.get(1)).isEqualTo("node_started");
            assertThat(names.getLast()).isEqualTo("workflow_finished");
            assertThat(names).doesNotContain("error");
            assertThat(names.stream().filter("node_finished"::equals).count()).isEqualTo(5);
            String taskId = events.getFirst().get("task_id").asString();
            String runId = events.getFirst().get("workflow_run_id").asString();
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("task_id").asString()).isEqualTo(taskId);
                assertThat(e.get("workflow_run_id").asString()).isEqualTo(runId);
            });
            for (JsonNode e : events) {
                if (e.get("event").asString().equals("node_finished")) {
                    String node = e.get("data").get("node_id").asString();
                    int started = indexOf(events, "node_started", node);
                    assertThat(started).as("node_started of " + node).isBetween(0, events.indexOf(e));
                }
            }
            assertThat(finished(events).get("status").asString()).isEqualTo("succeeded");
            return events;
        }
    }

    private static int indexOf(List<JsonNode> events, String name, String nodeId) {
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            if (e.get("event").asString().equals(name) && e.get("data").get("node_id").asString().equals(nodeId)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode finished(List<JsonNode> events) {
        return events.getLast().get("data");
    }

    private static List<String> finishedNodes(List<JsonNode> events) {
        return events.stream()
                .filter(e -> e.get("event").asString().equals("node_finished"))
                .map(e -> e.get("data").get("title").asString())
                .toList();
    }
}
