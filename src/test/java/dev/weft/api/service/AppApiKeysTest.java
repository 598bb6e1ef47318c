package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import dev.weft.publish.settings.PublishSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** App keys: made and revoked through the console API, shown once, stored hashed, the only way into /v1. */
class AppApiKeysTest extends ServiceApiTestBase {

    @Autowired JdbcTemplate jdbc;

    @Test
    void aKeyIsShownOnceStoredHashedAndOpensItsAppOnly() throws Exception {
        String appId = publishedApp(AppMode.CHAT);
        Response created = console("POST", "/api/apps/" + appId + "/api-keys");
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asString();
        String keyId = created.json().get("id").asString();
        assertThat(token).startsWith("app-").hasSize(36);

        JsonNode listed = console("GET", "/api/apps/" + appId + "/api-keys").json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("token").asString()).isEqualTo("app-…" + token.substring(token.length() - 4));
        assertThat(listed.toString()).doesNotContain(token);

        String stored = jdbc.queryForObject("select token_hash from app_api_key where id = ?", String.class, keyId);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertThat(stored).isEqualTo(sha256);
        assertThat(jdbc.queryForObject("select count(*) from app_api_key where token_hint like ? or token_hash like ?",
                Integer.class, "%" + token.substring(4, 20) + "%", "%" + token.substring(4, 20) + "%")).isZero();

        Response info = get(token, "/v1/info");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("mode").asString()).isEqualTo("chat");
        assertThat(info.header("Set-Cookie")).as("the Service API keeps no session").isNull();

        HttpRequest lowerCase = HttpRequest.newBuilder(URI.create(url("/v1/info"))).header("Authorization", "bearer " + token).build();
        assertThat(send(lowerCase).status()).isEqualTo(200);

        keys.list(appId);
        assertThat(console("GET", "/api/apps/" + appId + "/api-keys").json().get("data").get(0).get("last_used_at").isNull()).isFalse();

        assertThat(console("DELETE", "/api/apps/" + appId + "/api-keys/" + keyId).status()).isEqualTo(204);
        Response revoked = get(token, "/v1/info");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("code").asString()).isEqualTo("unauthorized");
    }

    @Test
    void missingOrMalformedAuthorizationGets401WithDifysEnvelope() {
        Response none = get(null, "/v1/info");
        assertThat(none.status()).isEqualTo(401);
        assertThat(fieldNames(none.json())).containsExactly("code", "message", "status");
        assertThat(none.json().get("status").asInt()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");

        HttpRequest basic = HttpRequest.newBuilder(URI.create(url("/v1/info")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
        assertThat(send(basic).status()).as("a console login does not open the Service API").isEqualTo(401);
        HttpRequest noSpace = HttpRequest.newBuilder(URI.create(url("/v1/info"))).header("Authorization", "Bearerapp-x").build();
        assertThat(send(noSpace).status()).isEqualTo(401);
        assertThat(get("app-notakeyatall0000000000000000000000", "/v1/info").json().get("message").asString())
                .isEqualTo("Access token is invalid");
    }

    @Test
    void anAppHasAtMostTenKeys() {
        String appId = publishedApp(AppMode.CHAT);
        for (int i = 0; i < 10; i++) {
            assertThat(console("POST", "/api/apps/" + appId + "/api-keys").status()).isEqualTo(201);
        }
        Response eleventh = console("POST", "/api/apps/" + appId + "/api-keys");
        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.json().get("message").asString()).contains("at most 10");
    }

    @Test
    void aKeyOfOneAppCannotReachAnother() {
        String first = publishedApp(AppMode.CHAT);
        String second = publishedApp(AppMode.WORKFLOW);
        assertThat(get(key(first), "/v1/info").json().get("mode").asString()).isEqualTo("chat");
        assertThat(get(key(second), "/v1/info").json().get("mode").asString()).isEqualTo("workflow");
    }

    @Test
    void switchingTheApiOffGives403() {
        String appId = publishedApp(AppMode.CHAT);
        String token = key(appId);
        Response withKey = send(token, "PUT", "/api/apps/" + appId + "/publish-settings", "application/json", "{\"enable_api\": false}");
        assertThat(withKey.status()).as("console calls need the console login, not an app key").isEqualTo(401);
        Response put = console("PUT", "/api/apps/" + appId + "/publish-settings", "{\"enable_api\": false}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("enable_api").asBoolean()).isFalse();
        Response refused = get(token, "/v1/info");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asString()).isEqualTo("forbidden");
        settings.update(appId, new PublishSettings(true, 0, 0, List.of()));
        assertThat(get(token, "/v1/info").status()).isEqualTo(200);
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        String appId = publishedApp(AppMode.CHAT);
        Response bad = console("PUT", "/api/apps/" + appId + "/publish-settings",
                "{\"cors_origins\": [\"https://ok.example\", \"https://x.example/path\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asString()).contains("cors_origins[1]");
        assertThat(console("PUT", "/api/apps/" + appId + "/publish-settings", "{\"requests_per_minute\": -1}").status()).isEqualTo(400);
    }

    @Test
    void eachAppHasItsOwnOpenApiDocument() {
        String appId = publishedApp(AppMode.WORKFLOW);
        Response doc = console("GET", "/api/apps/" + appId + "/openapi.json");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.header("Content-Disposition")).startsWith("attachment; filename=");
        JsonNode json = doc.json();
        assertThat(json.get("openapi").asString()).startsWith("3.1");
        assertThat(json.get("servers").get(0).get("url").asString()).endsWith("/v1");
        assertThat(fieldNames(json.get("paths"))).contains("/workflows/run", "/workflows/{workflow_id}/run", "/files/upload")
                .doesNotContain("/chat-messages");
        JsonNode inputs = json.get("components").get("schemas").get("Inputs");
        assertThat(inputs.get("properties").get("q").get("type").asString()).isEqualTo("string");
        assertThat(inputs.get("required").get(0).asString()).isEqualTo("q");
        assertThat(json.get("components").get("securitySchemes").get("appKey").get("scheme").asString()).isEqualTo("bearer");
    }

    private Response console(String method, String path) {
        return console(method, path, null);
    }

    private Response console(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.build());
    }

}
