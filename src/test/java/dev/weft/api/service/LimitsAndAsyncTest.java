package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.publish.settings.PublishSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Per-app limits (429 with Retry-After), CORS origins, and async runs that a client re-attaches to. */
class LimitsAndAsyncTest extends ServiceApiTestBase {

    @Test
    void requestsOverTheKeysPerMinuteLimitGet429WithRetryAfter() {
        String appId = publishedApp(AppMode.CHAT);
        String key = key(appId);
        String otherKey = key(appId);
        settings.update(appId, new PublishSettings(true, 2, 0, List.of()));

        assertThat(get(key, "/v1/info").status()).isEqualTo(200);
        assertThat(get(key, "/v1/info").status()).isEqualTo(200);
        Response third = get(key, "/v1/info");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.json().get("code").asString()).isEqualTo("too_many_requests");
        assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 30L);
        assertThat(get(otherKey, "/v1/info").status()).as("the limit is per key").isEqualTo(200);
    }

    @Test
    void aRunOverTheAppsConcurrentRunsGets429() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            String appId = publishedAppOn(AppMode.CHAT, fake);
            String key = key(appId);
            settings.update(appId, new PublishSettings(true, 0, 1, List.of()));
            fake.enqueue(Reply.hang());

            try (EventStream first = stream(key, "/v1/chat-messages", body("query", "slow", "inputs", Map.of(), "user", "a",
                    "response_mode", "streaming"))) {
                assertThat(fake.awaitHolding(Duration.ofSeconds(10))).isTrue();
                Response second = post(key, "/v1/chat-messages", body("query", "fast", "inputs", Map.of(), "user", "b"));
                assertThat(second.status()).isEqualTo(429);
                assertThat(second.json().get("code").asString()).isEqualTo("too_many_requests");
                assertThat(second.header("Retry-After")).isEqualTo("1");
                fake.release();
                assertThat(names(first.rest())).last().isEqualTo("message_end");
            }
            fake.enqueue(Reply.text("now"));
            assertThat(post(key, "/v1/chat-messages", body("query", "again", "inputs", Map.of(), "user", "b")).status()).isEqualTo(200);
        }
    }

    @Test
    void browsersMayCallFromTheAppsOriginsOnly() {
        String appId = publishedApp(AppMode.CHAT);
        String key = key(appId);
        settings.update(appId, new PublishSettings(true, 0, 0, List.of("https://shop.example")));

        Response preflight = send(HttpRequest.newBuilder(URI.create(url("/v1/chat-messages")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build());
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

        Response foreignPreflight = send(HttpRequest.newBuilder(URI.create(url("/v1/chat-messages")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .build());
        assertThat(foreignPreflight.status()).isEqualTo(403);
        assertThat(foreignPreflight.header("Access-Control-Allow-Origin")).isNull();

        Response allowed = send(HttpRequest.newBuilder(URI.create(url("/v1/info")))
                .header("Authorization", "Bearer " + key).header("Origin", "https://shop.example").build());
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");
        Response refused = send(HttpRequest.newBuilder(URI.create(url("/v1/info")))
                .header("Authorization", "Bearer " + key).header("Origin", "https://evil.example").build());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void anAsyncRunAnswersAtOnceAndCanBeReadAndReattached() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            String key = key(publishedAppOn(AppMode.WORKFLOW, fake));
            fake.enqueue(Reply.stream(List.of("long", " answer"), Duration.ZERO).holdAfter(1));

            Response started = post(key, "/v1/workflows/run", body("inputs", Map.of("q", "take your time"), "user", "async-user",
                    "response_mode", "async"));
            assertThat(started.status()).isEqualTo(202);
            assertThat(fieldNames(started.json())).contains("task_id", "workflow_run_id", "status");
            String runId = started.json().get("workflow_run_id").asString();
            assertThat(fake.awaitHolding(Duration.ofSeconds(10))).isTrue();
            assertThat(get(key, "/v1/workflows/run/" + runId).json().get("status").asString()).isEqualTo("running");

            try (EventStream first = openStream(key, "/v1/workflow/" + runId + "/events?user=async-user")) {
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.next().get("event").asString()).isEqualTo("workflow_started");
            }
            assertThat(openStream(key, "/v1/workflow/" + runId + "/events?user=someone-else").status()).isEqualTo(404);
            fake.release();

            List<JsonNode> events;
            try (EventStream again = openStream(key, "/v1/workflow/" + runId + "/events?user=async-user")) {
                events = again.rest();
            }
            assertThat(names(events).getFirst()).isEqualTo("workflow_started");
            assertThat(names(events).getLast()).isEqualTo("workflow_finished");
            assertThat(events.stream().filter(e -> e.get("event").asString().equals("text_chunk")).map(e -> e.get("data").get("text").asString()))
                    .containsExactly("long", " answer");
            JsonNode done = get(key, "/v1/workflows/run/" + runId).json();
            assertThat(done.get("status").asString()).isEqualTo("succeeded");
            assertThat(done.get("outputs").get("text").asString()).isEqualTo("long answer");
        }
    }
}
