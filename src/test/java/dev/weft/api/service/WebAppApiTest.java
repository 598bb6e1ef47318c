package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.variable.Values;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.publish.site.AppSiteService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The web app's API at {@code /webapp/{token}}: completion and workflow runs streamed as the Service API streams
 * them, each route refusing the other modes with the Service API's error, conversations renamed and deleted only by
 * their own end user, feedback on completions, uploads for file inputs.
 */
class WebAppApiTest extends ServiceApiTestBase {

    @Autowired AppSiteService sites;

    @Test
    void aCompletionStreamsItsAnswerAndOnlyItsUserRatesIt() {
        String token = token(publishedApp(AppMode.COMPLETION));
        String user = UUID.randomUUID().toString();
        FAKE.enqueue(Reply.stream(List.of("Roses ", "are red."), Duration.ZERO));
        List<JsonNode> events;
        try (EventStream s = webStream(token, "/completion-messages", body("inputs", Map.of("query", "a poem"), "user", user))) {
            assertThat(s.status()).isEqualTo(200);
            events = s.rest();
        }
        assertThat(names(events)).containsExactly("message", "message", "message_end");
        assertThat(events.get(0).get("answer").asString() + events.get(1).get("answer").asString()).isEqualTo("Roses are red.");
        assertThat(FAKE.lastRequest().messages().getLast().getValue()).isEqualTo("a poem");

        String messageId = events.getLast().get("message_id").asString();
        assertThat(post(null, "/webapp/" + token + "/messages/" + messageId + "/feedbacks", body("rating", "like", "user", user))
                .json().get("result").asString()).isEqualTo("success");
        Response stranger = post(null, "/webapp/" + token + "/messages/" + messageId + "/feedbacks",
                body("rating", "dislike", "user", UUID.randomUUID().toString()));
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.json().get("code").asString()).isEqualTo("not_found");
    }

    @Test
    void aWorkflowRunStreamsItsStepsAndOutputs() {
        String token = token(publishedApp(AppMode.WORKFLOW));
        FAKE.enqueue(Reply.text("Forty-two."));
        List<JsonNode> events;
        try (EventStream s = webStream(token, "/workflows/run",
                body("inputs", Map.of("q", "meaning?"), "user", UUID.randomUUID().toString()))) {
            events = s.rest();
        }
        assertThat(names(events)).startsWith("workflow_started", "node_started").endsWith("node_finished", "workflow_finished");
        assertThat(events.stream().filter(e -> e.get("event").asString().equals("node_finished"))
                .map(e -> e.get("data").get("title").asString())).containsExactly("Start", "LLM", "End");
        JsonNode finished = events.getLast().get("data");
        assertThat(finished.get("status").asString()).isEqualTo("succeeded");
        assertThat(finished.get("outputs").get("text").asString()).isEqualTo("Forty-two.");
    }

    @Test
    void eachRouteRefusesTheOtherModesAsTheServiceApiDoes() {
        String workflow = token(publishedApp(AppMode.WORKFLOW));
        String chat = token(publishedApp(AppMode.CHAT));
        String completion = token(publishedApp(AppMode.COMPLETION));
        String user = UUID.randomUUID().toString();

        assertRefused(post(null, "/webapp/" + workflow + "/chat-messages", body("query", "hi", "inputs", Map.of(), "user", user)),
                "not_chat_app");
        assertRefused(post(null, "/webapp/" + chat + "/completion-messages", body("inputs", Map.of(), "user", user)), "app_unavailable");
        assertRefused(post(null, "/webapp/" + completion + "/workflows/run", body("inputs", Map.of(), "user", user)), "not_workflow_app");
        assertRefused(get(null, "/webapp/" + workflow + "/conversations?user=" + user), "not_chat_app");

        Response v1 = post(key(publishedApp(AppMode.WORKFLOW)), "/v1/chat-messages", body("query", "hi", "inputs", Map.of(), "user", user));
        Response web = post(null, "/webapp/" + workflow + "/chat-messages", body("query", "hi", "inputs", Map.of(), "user", user));
        assertThat(fieldNames(web.json())).isEqualTo(fieldNames(v1.json())).containsExactly("code", "message", "status");
        assertThat(web.json().get("message").asString()).isEqualTo(v1.json().get("message").asString());
    }

    @Test
    void aConversationIsRenamedAndDeletedOnlyByItsOwnUser() {
        String token = token(publishedApp(AppMode.CHAT));
        String owner = UUID.randomUUID().toString();
        String stranger = UUID.randomUUID().toString();
        FAKE.enqueue(Reply.text("Hi there."));
        String conversation;
        try (EventStream s = webStream(token, "/chat-messages", body("query", "  Tell me   about shoes  ", "inputs", Map.of(),
                "user", owner))) {
            conversation = s.rest().getLast().get("conversation_id").asString();
        }
        String path = "/webapp/" + token + "/conversations/" + conversation;

        Response theirs = post(null, path + "/name", body("name", "Mine now", "user", stranger));
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.json().get("code").asString()).isEqualTo("not_found");
        assertThat(send(null, "DELETE", path, "application/json", json(body("user", stranger))).status()).isEqualTo(404);
        assertThat(send(null, "DELETE", path + "?user=" + stranger, null, null).status()).isEqualTo(404);
        assertThat(get(null, "/webapp/" + token + "/conversations?user=" + stranger).json().get("data")).isEmpty();
        assertThat(names(token, owner)).containsExactly("Tell me about shoes");

        Response renamed = post(null, path + "/name", body("name", "Shoe talk", "user", owner));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Shoe talk");
        assertThat(names(token, owner)).containsExactly("Shoe talk");
        assertThat(post(null, path + "/name", body("name", " ", "user", owner)).json().get("code").asString()).isEqualTo("invalid_param");
        assertThat(post(null, path + "/name", body("auto_generate", true, "user", owner)).json().get("name").asString())
                .isEqualTo("Tell me about shoes");

        assertThat(send(null, "DELETE", path, "application/json", json(body("user", owner))).status()).isEqualTo(204);
        assertThat(names(token, owner)).isEmpty();
        assertThat(get(null, "/webapp/" + token + "/messages?user=" + owner + "&conversation_id=" + conversation).status()).isEqualTo(404);
        assertThat(post(null, path + "/name", body("name", "Back", "user", owner)).status()).isEqualTo(404);
    }

    @Test
    void theUserMustBeTheBrowsersOwnId() {
        String token = token(publishedApp(AppMode.CHAT));
        Response named = get(null, "/webapp/" + token + "/conversations?user=alice");
        assertThat(named.status()).isEqualTo(400);
        assertThat(named.json().get("code").asString()).isEqualTo("invalid_param");
        assertThat(post(null, "/webapp/" + token + "/chat-messages", body("query", "hi", "inputs", Map.of())).status()).isEqualTo(400);
    }

    @Test
    void parametersGiveTheModeAndTheInputForm() {
        String appId = publishedApp(AppMode.WORKFLOW);
        JsonNode p = get(null, "/webapp/" + token(appId) + "/parameters").json();
        assertThat(p.get("mode").asString()).isEqualTo("workflow");
        assertThat(p.get("title").asString()).isEqualTo(apps.find(appId).orElseThrow().getName());
        assertThat(p.get("user_input_form").get(0).get("paragraph").get("variable").asString()).isEqualTo("q");
        assertThat(p.get("user_input_form").get(0).get("paragraph").get("required").asBoolean()).isTrue();
        assertThat(p.has("file_upload")).isTrue();
    }

    @Test
    void aFileUploadedThroughThePageFillsAFileInput() {
        String definition = """
                {"mode":"workflow","graph":{"nodes":[
                  {"id":"start","data":{"type":"start","title":"Start","variables":[{"variable":"doc","label":"Doc","type":"file","required":true}]}},
                  {"id":"extract","data":{"type":"document-extractor","title":"Extract","variable_selector":["start","doc"]}},
                  {"id":"end","data":{"type":"end","title":"End","outputs":[{"variable":"text","value_selector":["extract","text"]}]}}],
                 "edges":[{"source":"start","target":"extract"},{"source":"extract","target":"end"}]}}
                """;
        String token = token(publishedApp(AppMode.WORKFLOW, definition));
        String user = UUID.randomUUID().toString();
        MultipartBody form = new MultipartBody().field("user", user)
                .file("file", "notes.txt", "text/plain", "Pages upload files too.".getBytes(StandardCharsets.UTF_8));
        Response uploaded = send(HttpRequest.newBuilder(URI.create(url("/webapp/" + token + "/files/upload")))
                .header("Content-Type", form.contentType()).POST(form.publisher()).build());
        assertThat(uploaded.status()).isEqualTo(201);
        assertThat(uploaded.json().get("created_by").asString()).isEqualTo(WebApps.USER_PREFIX + user);

        List<JsonNode> events;
        try (EventStream s = webStream(token, "/workflows/run", body("user", user, "inputs", Map.of("doc",
                Map.of("transfer_method", "local_file", "upload_file_id", uploaded.json().get("id").asString()))))) {
            events = s.rest();
        }
        assertThat(events.getLast().get("data").get("outputs").get("text").asString()).contains("Pages upload files too.");
    }

    private String token(String appId) {
        return sites.site(appId).getToken();
    }

    private List<String> names(String token, String user) {
        JsonNode data = get(null, "/webapp/" + token + "/conversations?user=" + user).json().get("data");
        return data.valueStream().map(c -> c.get("name").asString()).toList();
    }

    private EventStream webStream(String token, String path, Object body) {
        return open(HttpRequest.newBuilder(URI.create(url("/webapp/" + token + path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)))
                .build());
    }

    private static String json(Object body) {
        return Values.JSON.writeValueAsString(body);
    }

    private static void assertRefused(Response response, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo(code);
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
    }
}
