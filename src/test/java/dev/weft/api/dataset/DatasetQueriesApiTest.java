package dev.weft.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Knowledge API's retrieval: Dify's {@code /hit-testing} path beside {@code /retrieve}, both kept in the
 * dataset's history, which {@code GET /v1/datasets/{id}/queries} pages in the shape of Dify's console.
 */
class DatasetQueriesApiTest extends DatasetApiTestBase {

    @Test
    void retrievalsThroughBothPathsAreListedAsDifyQueries() {
        String id = post("/v1/datasets", Map.of("name", "Queries", "embedding_model", MODEL)).json().get("id").asString();
        Response retrieved = post("/v1/datasets/" + id + "/retrieve", Map.of("query", "opening hours"));
        assertThat(retrieved.status()).as(retrieved.body()).isEqualTo(200);
        Response hitTested = post("/v1/datasets/" + id + "/hit-testing", Map.of("query", "holiday rules",
                "retrieval_model", Map.of("search_method", "semantic_search", "top_k", 3)));
        assertThat(hitTested.status()).as(hitTested.body()).isEqualTo(200);
        assertThat(hitTested.json().get("query").get("content").asString()).isEqualTo("holiday rules");

        Response listed = get("/v1/datasets/" + id + "/queries?page=1&limit=1");
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode page = listed.json();
        assertThat(page.propertyNames()).containsExactly("data", "has_more", "limit", "total", "page");
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("has_more").asBoolean()).isTrue();
        JsonNode newest = page.get("data").get(0);
        assertThat(newest.get("content").asString()).isEqualTo("holiday rules");
        assertThat(newest.get("source").asString()).isEqualTo("hit_testing");
        assertThat(newest.get("source_app_id").isNull()).isTrue();
        assertThat(newest.get("created_by_role").asString()).isEqualTo("account");
        assertThat(newest.get("created_by").asString()).isEqualTo(owner.getId());
        assertThat(newest.get("created_at").asLong()).isPositive();
        assertThat(newest.get("retrieval_model").get("search_method").asString()).isEqualTo("semantic_search");
        assertThat(newest.get("retrieval_model").get("top_k").asInt()).isEqualTo(3);

        assertThat(get("/v1/datasets/" + id + "/queries?page=2&limit=1").json().get("data").get(0).get("content").asString())
                .isEqualTo("opening hours");
        assertDifyError(get("/v1/datasets/" + id + "/queries?limit=0"), 400, "invalid_param");
    }
}
