package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/workflows/logs} in Dify's shape, with its filters and page numbers (dify-reference §3.6). */
class WorkflowLogsApiTest extends ServiceApiTestBase {

    @Test
    void logsListTheAppsRunsNewestFirstInDifysShapeAndFilter() {
        String key = key(publishedApp(AppMode.WORKFLOW));
        FAKE.enqueue(Reply.text("Apples are red."));
        String apples = post(key, "/v1/workflows/run", body("inputs", Map.of("q", "apples"), "user", "log-a"))
                .json().get("workflow_run_id").asString();
        FAKE.enqueue(Reply.text("Bananas are yellow."));
        String bananas = post(key, "/v1/workflows/run", body("inputs", Map.of("q", "bananas"), "user", "log-b"))
                .json().get("workflow_run_id").asString();
        FAKE.enqueue(Reply.error(400, "no cherries today"));
        String cherries = post(key, "/v1/workflows/run", body("inputs", Map.of("q", "cherries"), "user", "log-a"))
                .json().get("workflow_run_id").asString();

        Response r = get(key, "/v1/workflows/logs");
        assertThat(r.status()).isEqualTo(200);
        JsonNode all = r.json();
        assertThat(fieldNames(all)).containsExactly("page", "limit", "total", "has_more", "data");
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(all.get("has_more").asBoolean()).isFalse();
        assertThat(ids(all)).containsExactly(cherries, bananas, apples);
        JsonNode log = all.get("data").get(1);
        assertThat(fieldNames(log)).containsExactly("id", "workflow_run", "created_from", "created_by_role", "created_by_account",
                "created_by_end_user", "created_at");
        assertThat(fieldNames(log.get("workflow_run"))).containsExactly("id", "version", "status", "error", "elapsed_time",
                "total_tokens", "total_steps", "created_at", "finished_at");
        assertThat(log.get("workflow_run").get("version").asString()).isEqualTo("1");
        assertThat(log.get("workflow_run").get("status").asString()).isEqualTo("succeeded");
        assertThat(log.get("created_from").asString()).isEqualTo("service-api");
        assertThat(log.get("created_by_role").asString()).isEqualTo("end_user");
        assertThat(fieldNames(log.get("created_by_end_user"))).containsExactly("id", "type", "is_anonymous", "session_id");
        assertThat(log.get("created_by_end_user").get("session_id").asString()).isEqualTo("log-b");
        assertThat(log.get("created_by_end_user").get("type").asString()).isEqualTo("service_api");
        JsonNode failed = all.get("data").get(0);
        assertThat(failed.get("workflow_run").get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("workflow_run").get("error").asString()).contains("no cherries today");
        assertThat(failed.get("created_by_end_user").get("id").asString())
                .as("one end user, one id").isEqualTo(all.get("data").get(2).get("created_by_end_user").get("id").asString())
                .isNotEqualTo(log.get("created_by_end_user").get("id").asString());

        JsonNode first = get(key, "/v1/workflows/logs?limit=2").json();
        assertThat(ids(first)).containsExactly(cherries, bananas);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode second = get(key, "/v1/workflows/logs?limit=2&page=2").json();
        assertThat(ids(second)).containsExactly(apples);
        assertThat(second.get("has_more").asBoolean()).isFalse();

        assertThat(ids(get(key, "/v1/workflows/logs?status=failed").json())).containsExactly(cherries);
        assertThat(ids(get(key, "/v1/workflows/logs?keyword=BANANA").json())).containsExactly(bananas);
        assertThat(ids(get(key, "/v1/workflows/logs?created_by_end_user_session_id=log-a").json())).containsExactly(cherries, apples);
        assertThat(get(key, "/v1/workflows/logs?created_at__after=2999-01-01T00:00:00Z").json().get("total").asInt()).isZero();
        assertThat(get(key, "/v1/workflows/logs?created_at__before=2999-01-01T00:00:00").json().get("total").asInt()).isEqualTo(3);

        Response badStatus = get(key, "/v1/workflows/logs?status=exploded");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("code").asString()).isEqualTo("invalid_param");
        Response badTime = get(key, "/v1/workflows/logs?created_at__after=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        Response chat = get(key(publishedApp(AppMode.CHAT)), "/v1/workflows/logs");
        assertThat(chat.status()).isEqualTo(400);
        assertThat(chat.json().get("code").asString()).isEqualTo("not_workflow_app");
    }

    private static List<String> ids(JsonNode page) {
        return page.get("data").valueStream().map(e -> e.get("workflow_run").get("id").asString()).toList();
    }
}
