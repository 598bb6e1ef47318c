package dev.weft.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The retrieval history on the console API: every hit test is listed, newest first, a page at a time. */
class HitTestingRecordsApiTest extends ConsoleApiTestBase {

    @Test
    void hitTestsAreListedNewestFirstInPages() {
        String id = postJson("/api/datasets", Map.of("name", "Records " + UUID.randomUUID())).json().get("id").asString();
        for (String query : new String[] {"first question", "second question", "third question"}) {
            Response tested = postJson("/api/datasets/" + id + "/hit-testing", Map.of("query", query,
                    "retrieval_settings", Map.of("method", "full_text_search", "top_k", 2, "score_threshold", 0.25)));
            assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        }

        Response first = get("/api/datasets/" + id + "/hit-testing/records?page=1&limit=2");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode page = first.json();
        assertThat(page.get("total").asInt()).isEqualTo(3);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        assertThat(page.get("data")).hasSize(2);
        JsonNode newest = page.get("data").get(0);
        assertThat(newest.get("content").asString()).isEqualTo("third question");
        assertThat(newest.get("source").asString()).isEqualTo("hit_testing");
        assertThat(newest.get("created_by").asString()).isEqualTo(owner.getId());
        assertThat(newest.get("created_at").asLong()).isPositive();
        assertThat(newest.get("hit_count").asInt()).isZero();
        assertThat(newest.has("elapsed_ms")).isTrue();
        assertThat(newest.get("retrieval_settings").get("method").asString()).isEqualToIgnoringCase("full_text_search");
        assertThat(newest.get("retrieval_settings").get("top_k").asInt()).isEqualTo(2);
        assertThat(newest.get("retrieval_settings").get("score_threshold").asDouble()).isEqualTo(0.25);
        assertThat(page.get("data").get(1).get("content").asString()).isEqualTo("second question");

        JsonNode last = get("/api/datasets/" + id + "/queries?page=2&limit=2").json();
        assertThat(last.get("has_more").asBoolean()).isFalse();
        assertThat(last.get("data")).singleElement()
                .satisfies(r -> assertThat(r.get("content").asString()).isEqualTo("first question"));

        Response badLimit = get("/api/datasets/" + id + "/hit-testing/records?limit=500");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("message").asString()).contains("limit must be from 1 to 100");
        assertThat(get("/api/datasets/" + UUID.randomUUID() + "/hit-testing/records").status()).isEqualTo(404);

        assertThat(delete("/api/datasets/" + id).status()).isEqualTo(204);
        assertThat(get("/api/datasets/" + id + "/hit-testing/records").status()).isEqualTo(404);
    }
}
