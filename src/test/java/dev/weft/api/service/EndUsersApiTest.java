package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/end-users/{end_user_id}} in Dify's shape, by the id the workflow log shows (dify-reference §3.8). */
class EndUsersApiTest extends ServiceApiTestBase {

    @Test
    void anEndUserSeenInTheLogIsReadByItsId() {
        String appId = publishedApp(AppMode.WORKFLOW);
        String key = key(appId);
        FAKE.enqueue(Reply.text("Hello."));
        post(key, "/v1/workflows/run", body("inputs", Map.of("q", "hi"), "user", "eu-1"));
        String id = get(key, "/v1/workflows/logs").json().get("data").get(0).get("created_by_end_user").get("id").asString();

        Response r = get(key, "/v1/end-users/" + id);
        assertThat(r.status()).isEqualTo(200);
        JsonNode user = r.json();
        assertThat(fieldNames(user)).containsExactly("id", "tenant_id", "app_id", "type", "external_user_id", "name", "is_anonymous",
                "session_id", "created_at", "updated_at");
        assertThat(user.get("id").asString()).isEqualTo(id);
        assertThat(user.get("app_id").asString()).isEqualTo(appId);
        assertThat(user.get("tenant_id").asString()).isEqualTo(owner.getWorkspaceId());
        assertThat(user.get("type").asString()).isEqualTo("service_api");
        assertThat(user.get("session_id").asString()).isEqualTo("eu-1");
        assertThat(user.get("is_anonymous").asBoolean()).isFalse();
        assertThat(user.get("updated_at").asLong()).isGreaterThanOrEqualTo(user.get("created_at").asLong());

        Response unknown = get(key, "/v1/end-users/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(fieldNames(unknown.json())).containsExactly("code", "message", "status");
        assertThat(unknown.json().get("code").asString()).isEqualTo("end_user_not_found");
        Response otherApp = get(key(publishedApp(AppMode.WORKFLOW)), "/v1/end-users/" + id);
        assertThat(otherApp.status()).as("an end user belongs to one app").isEqualTo(404);
    }
}
