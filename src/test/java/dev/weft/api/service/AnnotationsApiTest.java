package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Annotations and annotation reply (dify-reference §3.8): CRUD in Dify's shape, the enable/disable job and its
 * status, and at run time a close enough question answered with the annotation (real ONNX embeddings, real H2).
 */
class AnnotationsApiTest extends ServiceApiTestBase {

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
}
