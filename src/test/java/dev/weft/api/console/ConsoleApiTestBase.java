package dev.weft.api.console;

import dev.weft.engine.variable.Values;
import dev.weft.support.HttpApiTestBase;
import dev.weft.support.TestDataDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running Weft on a random port with a fresh data directory, an owner account, and an HTTP client that
 * signs in with HTTP Basic. The console API tests share one application context through this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleApiTestBase extends HttpApiTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("console-api").toString());
        registry.add("weft.security.outbound.allow", () -> "127.0.0.1");
    }

    Response get(String path) {
        return send("GET", path, null, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    Response postJson(String path, Object body) {
        return send("POST", path, "application/json", body instanceof String s ? s : Values.JSON.writeValueAsString(body));
    }

    Response putJson(String path, String body) {
        return send("PUT", path, "application/json", body);
    }

    Response send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** Posts {@code body} and reads the answer as a server-sent event stream, event by event as it arrives. */
    EventStream stream(String path, Object body) {
        HttpRequest request = request(path)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Values.JSON.writeValueAsString(body)))
                .build();
        return open(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", basicAuth());
    }

    static String resource(String name) {
        try (InputStream in = ConsoleApiTestBase.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an app through the API and returns its id. */
    String createApp(String name, String mode) {
        Response created = postJson("/api/apps", Map.of("name", name, "mode", mode));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create app: " + created.status() + " " + created.body());
        }
        return created.json().get("id").asString();
    }
}
