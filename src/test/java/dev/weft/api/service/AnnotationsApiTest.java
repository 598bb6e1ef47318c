package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Annotations and annotation reply (dify-reference §3.8): CRUD in Dify's shape, the enable/disable job and its
 * status, and at run time a close enough question answered with the annotation (real ONNX embeddings, real H2).
 */
class AnnotationsApiTest extends ServiceApiTestBase {

    @Autowired JdbcTemplate jdbc;

    @Test
    void annotationsAreAddedListedEditedAndDeletedInDifysShape() {
        String key = key(publishedApp(AppMode.CHAT));
        Response created = post(key, "/v1/apps/annotations", body("question", "What is Weft?", "answer", "An LLM app builder."));
        assertThat(created.status()).isEqualTo(201);
        JsonNode a = created.json();
        assertThat(fieldNames(a)).containsExactly("id", "question", "answer", "hit_count", "created_at");
        assertThat(a.get("hit_count").asInt()).isZero();
        String id = a.get("id").asString();
        post(key, "/v1/apps/annotations", body("question", "Who makes it?", "answer", "Its contributors."));
        post(key, "/v1/apps/annotations", body("question", "Is it free?", "answer", "Yes."));

        JsonNode page = get(key, "/v1/apps/annotations?page=1&limit=2").json();
        assertThat(fieldNames(page)).containsExactly("data", "has_more", "limit", "total", "page");
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(page.get("data")).hasSize(2);
        assertThat(get(key, "/v1/apps/annotations?page=2&limit=2").json().get("data").get(0).get("id").asString()).isEqualTo(id);
        assertThat(get(key, "/v1/apps/annotations?keyword=BUILDER").json().get("data"))
                .singleElement().satisfies(n -> assertThat(n.get("id").asString()).isEqualTo(id));

        Response edited = send(key, "PUT", "/v1/apps/annotations/" + id, "application/json",
                "{\"question\":\"What is Weft, really?\",\"answer\":\"A Dify-compatible LLM app builder.\"}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("answer").asString()).isEqualTo("A Dify-compatible LLM app builder.");

        Response otherApp = send(key(publishedApp(AppMode.CHAT)), "DELETE", "/v1/apps/annotations/" + id, null, null);
        assertThat(otherApp.status()).isEqualTo(404);
        assertThat(otherApp.json().get("code").asString()).isEqualTo("not_found");
        assertThat(send(key, "DELETE", "/v1/apps/annotations/" + id, null, null).status()).isEqualTo(204);
        assertThat(get(key, "/v1/apps/annotations").json().get("total").asInt()).isEqualTo(2);
        assertThat(send(key, "PUT", "/v1/apps/annotations/" + id, "application/json", "{\"question\":\"q\",\"answer\":\"a\"}").status())
                .isEqualTo(404);

        Response blank = post(key, "/v1/apps/annotations", body("question", " ", "answer", "x"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(fieldNames(blank.json())).containsExactly("code", "message", "status");
        assertThat(blank.json().get("code").asString()).isEqualTo("invalid_param");
    }

    @Test
    void aCloseEnoughQuestionIsAnsweredWithTheAnnotationOnceReplyIsEnabled() throws Exception {
        String key = key(publishedApp(AppMode.CHAT));
        String annotation = post(key, "/v1/apps/annotations", body("question", "What is the refund policy?",
                "answer", "Refunds are possible within 30 days of purchase.")).json().get("id").asString();

        JsonNode job = post(key, "/v1/apps/annotation-reply/enable", body("score_threshold", 0.85,
                "embedding_provider_name", "local", "embedding_model_name", "bge-small-en-v1.5")).json();
        assertThat(fieldNames(job)).containsExactly("job_id", "job_status");
        assertThat(job.get("job_status").asString()).isIn("waiting", "processing", "completed");
        JsonNode done = awaitJob(key, "enable", job.get("job_id").asString());
        assertThat(fieldNames(done)).containsExactly("job_id", "job_status", "error_msg");
        assertThat(done.get("job_status").asString()).isEqualTo("completed");
        assertThat(get(key, "/v1/parameters").json().get("annotation_reply").get("enabled").asBoolean()).isTrue();

        int calls = FAKE.callCount();
        JsonNode hit = post(key, "/v1/chat-messages", body("query", "what's your refund policy?", "inputs", Map.of(), "user", "an-1")).json();
        assertThat(hit.get("answer").asString()).isEqualTo("Refunds are possible within 30 days of purchase.");
        assertThat(FAKE.callCount()).as("the model is not asked").isEqualTo(calls);
        assertThat(fieldNames(hit.get("metadata").get("annotation_reply"))).containsExactly("id", "account");
        assertThat(hit.get("metadata").get("annotation_reply").get("id").asString()).isEqualTo(annotation);
        List<Map<String, Object>> hits = jdbc.queryForList("select annotation_id, message_id, score from app_annotation_hit where annotation_id = ?", annotation);
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.get("MESSAGE_ID")).isEqualTo(hit.get("message_id").asString());
            assertThat(((Number) h.get("SCORE")).doubleValue()).isGreaterThanOrEqualTo(0.85);
        });
        assertThat(get(key, "/v1/apps/annotations").json().get("data").get(0).get("hit_count").asInt()).isEqualTo(1);
        JsonNode recorded = get(key, "/v1/messages?user=an-1&conversation_id=" + hit.get("conversation_id").asString()).json();
        assertThat(recorded.get("data").get(0).get("answer").asString()).isEqualTo("Refunds are possible within 30 days of purchase.");

        List<JsonNode> events;
        try (EventStream s = stream(key, "/v1/chat-messages", body("query", "What is the refund policy?", "inputs", Map.of(),
                "user", "an-1", "response_mode", "streaming"))) {
            events = s.rest();
        }
        assertThat(names(events)).endsWith("message_end").contains("message");
        assertThat(events.getLast().get("metadata").get("annotation_reply").get("id").asString()).isEqualTo(annotation);
        assertThat(events.stream().filter(e -> e.get("event").asString().equals("message")).map(e -> e.get("answer").asString())
                .reduce("", String::concat)).isEqualTo("Refunds are possible within 30 days of purchase.");

        FAKE.enqueue(Reply.text("Paris."));
        JsonNode unrelated = post(key, "/v1/chat-messages", body("query", "What is the capital of France?", "inputs", Map.of(), "user", "an-1")).json();
        assertThat(unrelated.get("answer").asString()).isEqualTo("Paris.");
        assertThat(unrelated.get("metadata").has("annotation_reply")).isFalse();

        String added = post(key, "/v1/apps/annotations", body("question", "Do you ship to Canada?", "answer", "Yes, in 5 days."))
                .json().get("id").asString();
        assertThat(post(key, "/v1/chat-messages", body("query", "Do you ship to Canada?", "inputs", Map.of(), "user", "an-2"))
                .json().get("answer").asString()).as("an annotation added while reply is on is matched at once").isEqualTo("Yes, in 5 days.");
        assertThat(added).isNotBlank();

        JsonNode off = awaitJob(key, "disable", post(key, "/v1/apps/annotation-reply/disable", Map.of()).json().get("job_id").asString());
        assertThat(off.get("job_status").asString()).isEqualTo("completed");
        assertThat(get(key, "/v1/parameters").json().get("annotation_reply").get("enabled").asBoolean()).isFalse();
        FAKE.enqueue(Reply.text("Ask support."));
        assertThat(post(key, "/v1/chat-messages", body("query", "What is the refund policy?", "inputs", Map.of(), "user", "an-1"))
                .json().get("answer").asString()).isEqualTo("Ask support.");
    }

    @Test
    void aChatflowAnsweredByAnAnnotationStreamsItsWorkflowEventsAroundTheAnswer() throws Exception {
        String key = key(publishedApp(AppMode.ADVANCED_CHAT));
        String annotation = post(key, "/v1/apps/annotations", body("question", "How do I reset my password?",
                "answer", "Use {{#sys.query#}} literally: open Settings, then Reset.")).json().get("id").asString();
        awaitJob(key, "enable", post(key, "/v1/apps/annotation-reply/enable", body("score_threshold", 0.9,
                "embedding_provider_name", "local", "embedding_model_name", "bge-small-en-v1.5")).json().get("job_id").asString());

        int calls = FAKE.callCount();
        List<JsonNode> events;
        try (EventStream s = stream(key, "/v1/chat-messages", body("query", "How do I reset my password?", "inputs", Map.of(),
                "user", "an-5", "response_mode", "streaming"))) {
            events = s.rest();
        }
        List<String> names = names(events);
        assertThat(names.getFirst()).isEqualTo("workflow_started");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("message_end", "workflow_finished");
        assertThat(events.stream().filter(e -> e.get("event").asString().equals("message")).map(e -> e.get("answer").asString())
                .reduce("", String::concat)).as("an answer that looks like a template is said as written")
                .isEqualTo("Use {{#sys.query#}} literally: open Settings, then Reset.");
        assertThat(events.get(names.size() - 2).get("metadata").get("annotation_reply").get("id").asString()).isEqualTo(annotation);
        assertThat(FAKE.callCount()).isEqualTo(calls);
    }

    @Test
    void badReplySettingsAndUnknownJobsAreDifyErrors() {
        String key = key(publishedApp(AppMode.CHAT));
        Response unknownModel = post(key, "/v1/apps/annotation-reply/enable", body("score_threshold", 0.9,
                "embedding_provider_name", "local", "embedding_model_name", "no-such-model"));
        assertThat(unknownModel.status()).isEqualTo(400);
        assertThat(unknownModel.json().get("code").asString()).isEqualTo("invalid_param");
        Response noThreshold = post(key, "/v1/apps/annotation-reply/enable", Map.of());
        assertThat(noThreshold.status()).isEqualTo(400);
        Response badAction = post(key, "/v1/apps/annotation-reply/toggle", Map.of());
        assertThat(badAction.status()).isEqualTo(400);
        Response unknownJob = get(key, "/v1/apps/annotation-reply/enable/status/no-such-job");
        assertThat(unknownJob.status()).isEqualTo(400);
        assertThat(unknownJob.json().get("message").asString()).isEqualTo("The job does not exist.");
    }

    @Test
    void anEnableJobWhoseEmbeddingModelFailsEndsInErrorAndLeavesReplyOff() throws Exception {
        String key = key(publishedApp(AppMode.CHAT));
        post(key, "/v1/apps/annotations", body("question", "Is there a free plan?", "answer", "Yes."));
        JsonNode job = post(key, "/v1/apps/annotation-reply/enable", body("score_threshold", 0.9,
                "embedding_provider_name", "fake-publish", "embedding_model_name", "text-embedding-fake")).json();
        JsonNode done = awaitJob(key, "enable", job.get("job_id").asString());
        assertThat(done.get("job_status").asString()).isEqualTo("error");
        assertThat(done.get("error_msg").asString()).isNotBlank();
        assertThat(get(key, "/v1/parameters").json().get("annotation_reply").get("enabled").asBoolean()).isFalse();
        Response disable = get(key, "/v1/apps/annotation-reply/disable/status/" + job.get("job_id").asString());
        assertThat(disable.status()).as("a job is asked for under its own action").isEqualTo(400);
    }

    private JsonNode awaitJob(String key, String action, String jobId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode status = get(key, "/v1/apps/annotation-reply/" + action + "/status/" + jobId).json();
            String s = status.get("job_status").asString();
            if (s.equals("completed") || s.equals("error")) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the " + action + " job did not finish within a minute");
    }
}
