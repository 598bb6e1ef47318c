package dev.weft.api.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.engine.variable.Values;
import dev.weft.publish.key.DatasetApiKeyService;
import dev.weft.support.HttpApiTestBase;
import dev.weft.support.TestDataDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A running Weft on a random port with a dataset key of the owner's workspace, and helpers to call the Knowledge API
 * with it. Uploads over 1 MB are refused here, so the 413 path is cheap to reach. The Knowledge API tests share one
 * application context through this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class DatasetApiTestBase extends HttpApiTestBase {

    /** The small local model the knowledge tests use (shipped with the tests, nothing downloaded). */
    static final String MODEL = "local:all-minilm-l6-v2-q";

    @Autowired DatasetApiKeyService datasetKeys;

    String key;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("dataset-api").toString());
        registry.add("weft.knowledge.upload.max-file-size", () -> "1MB");
    }

    @BeforeEach
    void newKey() {
        key = datasetKeys.create(owner.getWorkspaceId(), owner.getId()).token();
    }

    Response get(String path) {
        return send(key, "GET", path, null, null);
    }

    Response post(String path, Object body) {
        return send(key, "POST", path, "application/json", Values.JSON.writeValueAsString(body));
    }

    Response patch(String path, Object body) {
        return send(key, "PATCH", path, "application/json", Values.JSON.writeValueAsString(body));
    }

    Response delete(String path) {
        return send(key, "DELETE", path, null, null);
    }

    /** A console call, signed in as the owner with HTTP Basic. */
    Response console(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basicAuth())
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Dify's create-by-file and update-by-file: the parts {@code file} and {@code data} (a JSON string). */
    Response multipart(String path, String filename, byte[] content, Object data) {
        String boundary = "----weft" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (data != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\n"
                        + "Content-Type: text/plain\r\n\r\n" + Values.JSON.writeValueAsString(data) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** A new dataset on the small local model; its id. */
    String dataset(String prefix) {
        Response created = post("/v1/datasets", Map.of("name", prefix + " " + UUID.randomUUID(), "indexing_technique",
                "high_quality", "embedding_model", MODEL, "embedding_model_provider", "weft"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asString();
    }

    /** Polls indexing-status until the batch is completed or error; the last status entry. */
    JsonNode waitForIndexing(String datasetId, String batch) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (true) {
            Response status = get("/v1/datasets/" + datasetId + "/documents/" + batch + "/indexing-status");
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            JsonNode item = status.json().get("data").get(0);
            String s = item.get("indexing_status").asString();
            if (s.equals("completed") || s.equals("error")) {
                return item;
            }
            assertThat(System.nanoTime()).as("indexing of " + batch + " did not finish: " + status.body()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static void assertDifyError(Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().propertyNames()).containsExactly("code", "message", "status");
        assertThat(r.json().get("code").asString()).isEqualTo(code);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("message").asString()).isNotBlank();
    }
}
