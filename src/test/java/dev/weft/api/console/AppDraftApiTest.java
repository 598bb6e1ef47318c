package dev.weft.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.engine.variable.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Apps, drafts, versions and the error envelope over real HTTP. */
class AppDraftApiTest extends ConsoleApiTestBase {

    private static final String BRANCHES = resource("/apps/workflow-branches.json");

    @Test
    void appsAreCreatedListedRenamedAndDeleted() {
        Response created = postJson("/api/apps", Map.of("name", "Notes", "mode", "workflow", "description", "takes notes"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode app = created.json();
        String id = app.get("id").asString();
        assertThat(app.get("name").asString()).isEqualTo("Notes");
        assertThat(app.get("mode").asString()).isEqualTo("workflow");
        assertThat(app.get("description").asString()).isEqualTo("takes notes");
        assertThat(app.get("created_at").asLong()).isPositive();
        assertThat(app.get("updated_at").asLong()).isPositive();

        assertThat(get("/api/apps").json().get("data").valueStream().map(a -> a.get("id").asString())).contains(id);

        Response renamed = send("PATCH", "/api/apps/" + id, "application/json", "{\"name\": \"Better notes\"}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Better notes");
        assertThat(renamed.json().get("description").asString()).isEqualTo("takes notes");
        assertThat(get("/api/apps/" + id).json().get("name").asString()).isEqualTo("Better notes");

        assertThat(delete("/api/apps/" + id).status()).isEqualTo(204);
        Response gone = get("/api/apps/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asString()).isEqualTo("not_found");
        assertThat(gone.json().get("status").asInt()).isEqualTo(404);
        assertThat(gone.json().get("message").asString()).contains(id);
    }

    @Test
    void badRequestsGetTheErrorEnvelope() {
        Response unknownMode = postJson("/api/apps", Map.of("name", "X", "mode", "agent"));
        assertThat(unknownMode.status()).isEqualTo(400);
        assertThat(unknownMode.json().get("code").asString()).isEqualTo("invalid_param");
        assertThat(unknownMode.json().get("message").asString()).contains("unknown app mode 'agent'");

        Response noName = postJson("/api/apps", Map.of("mode", "workflow"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("message").asString()).contains("name is required");

        Response brokenJson = postJson("/api/apps", "{\"name\": \"X\",\n \"mode\": }");
        assertThat(brokenJson.status()).isEqualTo(400);
        assertThat(brokenJson.json().get("code").asString()).isEqualTo("invalid_param");
        JsonNode error = brokenJson.json().get("errors").get(0);
        assertThat(error.get("path").asString()).isEqualTo("$.mode");
        assertThat(error.get("message").asString()).contains("line 2");

        Response wrongType = postJson("/api/apps", "{\"name\": [1, 2], \"mode\": \"workflow\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("path").asString()).isEqualTo("$.name");
    }

    @Test
    void aValidDraftIsSavedAndReadBack() {
        String id = createApp("Branches", "workflow");

        Response saved = putJson("/api/apps/" + id + "/draft", BRANCHES);

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("result").asString()).isEqualTo("success");
        assertThat(saved.json().get("updated_at").asLong()).isPositive();
        JsonNode draft = get("/api/apps/" + id + "/draft").json();
        assertThat(draft.get("mode").asString()).isEqualTo("workflow");
        assertThat(draft.get("graph").get("nodes").valueStream().map(n -> n.get("id").asString()))
                .containsExactly("start", "check", "t1", "t2", "agg", "end");
        assertThat(draft.get("graph").get("edges").size()).isEqualTo(6);
    }

    @Test
    void aDanglingEdgeTargetIsRejectedWithItsPath() {
        assertRejected(t -> ((ObjectNode) t.get("graph").get("edges").get(0)).put("target", "ghost"),
                "$.graph.edges[0].target", "edge target 'ghost' is not a node");
    }

    @Test
    void aGraphWithoutStartNodeIsRejected() {
        assertRejected(t -> {
            ((ArrayNode) t.get("graph").get("nodes")).remove(0);
            ((ArrayNode) t.get("graph").get("edges")).remove(0);
        }, "$.graph.nodes", "no start node");
    }

    @Test
    void aCycleIsRejectedAtTheEdgeThatClosesIt() {
        assertRejected(t -> ((ArrayNode) t.get("graph").get("edges")).addObject()
                        .put("id", "back").put("source", "agg").put("target", "check"),
                "$.graph.edges[6]", "cycle");
    }

    @Test
    void anUnknownVariableReferenceIsRejectedWhereItIsWritten() {
        assertRejected(t -> ((ObjectNode) t.get("graph").get("nodes").get(3).get("data")).put("template", "{{ q }} {{#nope.text#}}"),
                "$.graph.nodes[3].data.template", "{{#nope.text#}}: there is no node 'nope'");
    }

    @Test
    void brokenJsonIsRejectedWithThePathLineAndColumn() {
        String id = createApp("Broken", "workflow");
        String broken = """
                {"schema": "weft/v1", "mode": "workflow",
                 "graph": {"nodes": [{"id": "start", "data": {"type": "start",}}], "edges": []}}
                """;

        Response rejected = putJson("/api/apps/" + id + "/draft", broken);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("code").asString()).isEqualTo("invalid_definition");
        JsonNode error = rejected.json().get("errors").get(0);
        assertThat(error.get("path").asString()).isEqualTo("$.graph.nodes[0].data.type");
        assertThat(error.get("message").asString()).contains("line 2, column");
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsSaved() {
        String id = createApp("Many problems", "workflow");
        String before = get("/api/apps/" + id + "/draft").body();
        ObjectNode tree = (ObjectNode) Values.JSON.readTree(BRANCHES);
        ((ObjectNode) tree.get("graph").get("edges").get(0)).put("target", "ghost");
        ((ObjectNode) tree.get("graph").get("nodes").get(3).get("data")).put("template", "{{#nope.text#}}");
        tree.put("mode", "advanced-chat");

        Response rejected = putJson("/api/apps/" + id + "/draft", tree.toString());

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(paths(rejected.json())).contains("$.mode", "$.graph.edges[0].target", "$.graph.nodes[3].data.template");
        assertThat(get("/api/apps/" + id + "/draft").body()).isEqualTo(before);
    }

    @Test
    void validateChecksWithoutSaving() {
        String id = createApp("Validate me", "workflow");
        String before = get("/api/apps/" + id + "/draft").body();
        ObjectNode tree = (ObjectNode) Values.JSON.readTree(BRANCHES);
        ((ObjectNode) tree.get("graph").get("edges").get(0)).put("target", "ghost");

        JsonNode invalid = postJson("/api/apps/" + id + "/draft/validate", tree.toString()).json();
        JsonNode valid = postJson("/api/apps/" + id + "/draft/validate", BRANCHES).json();
        JsonNode stored = send("POST", "/api/apps/" + id + "/draft/validate", null, null).json();

        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(paths(invalid)).contains("$.graph.edges[0].target");
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("errors").size()).isZero();
        assertThat(stored.get("valid").asBoolean()).isTrue();
        assertThat(get("/api/apps/" + id + "/draft").body()).isEqualTo(before);
    }

    @Test
    void secretsAreMaskedOnReadAndKeptWhenSavedBackMasked() {
        String id = createApp("Secrets", "workflow");
        ObjectNode tree = (ObjectNode) Values.JSON.readTree(BRANCHES);
        ArrayNode env = tree.putArray("environmentVariables");
        env.addObject().put("id", "k1").put("name", "API_KEY").put("valueType", "secret").put("value", "s3cr3t-value");
        env.addObject().put("id", "k2").put("name", "REGION").put("valueType", "string").put("value", "eu");
        ObjectNode greet = (ObjectNode) tree.get("graph").get("nodes").get(2).get("data");
        greet.put("template", "key={{ key }} {{ q }}");
        ((ArrayNode) greet.get("variables")).addObject().put("variable", "key").putArray("value_selector").add("env").add("API_KEY");
        assertThat(putJson("/api/apps/" + id + "/draft", tree.toString()).status()).isEqualTo(200);

        String draft = get("/api/apps/" + id + "/draft").body();
        assertThat(draft).doesNotContain("s3cr3t-value").contains("\"value\":\"******\"").contains("\"value\":\"eu\"");

        ObjectNode edited = (ObjectNode) Values.JSON.readTree(draft);
        ((ObjectNode) edited.get("graph").get("nodes").get(3).get("data")).put("template", "edited {{ q }}");
        assertThat(putJson("/api/apps/" + id + "/draft", edited.toString()).status()).isEqualTo(200);

        JsonNode run = postJson("/api/apps/" + id + "/run",
                Map.of("inputs", Map.of("q", "hello"), "response_mode", "blocking")).json();
        assertThat(run.get("data").get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("data").get("outputs").get("result").asString()).isEqualTo("key=s3cr3t-value hello");
    }

    @Test
    void publishListAndRestoreVersions() {
        String id = createApp("Versioned", "workflow");
        putJson("/api/apps/" + id + "/draft", BRANCHES);

        JsonNode v1 = postJson("/api/apps/" + id + "/publish", Map.of("name", "first", "release_notes", "it works")).json();
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("id").asString()).isNotBlank();
        assertThat(v1.get("created_at").asLong()).isPositive();

        ObjectNode changed = (ObjectNode) Values.JSON.readTree(BRANCHES);
        ((ObjectNode) changed.get("graph").get("nodes").get(3).get("data")).put("template", "changed {{ q }}");
        putJson("/api/apps/" + id + "/draft", changed.toString());
        assertThat(send("POST", "/api/apps/" + id + "/publish", null, null).json().get("version").asInt()).isEqualTo(2);

        JsonNode versions = get("/api/apps/" + id + "/versions").json().get("data");
        assertThat(versions.valueStream().map(v -> v.get("version").asInt())).containsExactly(2, 1);
        assertThat(versions.get(1).get("name").asString()).isEqualTo("first");
        assertThat(versions.get(1).get("release_notes").asString()).isEqualTo("it works");

        JsonNode v1Run = postJson("/api/apps/" + id + "/run?version=1", Map.of("inputs", Map.of("q", "bye"))).json();
        assertThat(v1Run.get("data").get("outputs").get("result").asString()).isEqualTo("bye");

        assertThat(send("POST", "/api/apps/" + id + "/versions/1/restore", null, null).json().get("result").asString())
                .isEqualTo("success");
        assertThat(get("/api/apps/" + id + "/draft").json().get("graph").get("nodes").get(3).get("data").get("template").asString())
                .isEqualTo("{{ q }}");

        Response missing = send("POST", "/api/apps/" + id + "/versions/9/restore", null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asString()).contains("no published version 9");
    }

    private void assertRejected(Consumer<ObjectNode> breakIt, String path, String message) {
        String id = createApp("Rejected", "workflow");
        ObjectNode tree = (ObjectNode) Values.JSON.readTree(BRANCHES);
        breakIt.accept(tree);

        Response rejected = putJson("/api/apps/" + id + "/draft", tree.toString());

        assertThat(rejected.status()).isEqualTo(400);
        JsonNode body = rejected.json();
        assertThat(body.get("code").asString()).isEqualTo("invalid_definition");
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("errors").valueStream())
                .anySatisfy(e -> {
                    assertThat(e.get("path").asString()).isEqualTo(path);
                    assertThat(e.get("message").asString()).contains(message);
                });
    }

    private static List<String> paths(JsonNode body) {
        List<String> paths = new ArrayList<>();
        body.get("errors").forEach(e -> paths.add(e.get("path").asString()));
        return paths;
    }
}
