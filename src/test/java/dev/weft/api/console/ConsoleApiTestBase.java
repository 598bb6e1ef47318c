package dev.weft.api.console;

import dev.weft.engine.variable.Values;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A running Weft on a random port with a fresh data directory, an owner account, and an HTTP client that
 * signs in with HTTP Basic. The console API tests share one application context through this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleApiTestBase {

    static final String EMAIL = "owner@example.com";
    static final String PASSWORD = "a long enough password";

    @LocalServerPort int port;
    @Autowired AccountService accounts;

    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("console-api").toString());
        registry.add("weft.security.outbound.allow", () -> "127.0.0.1");
    }

    @BeforeEach
    void owner() {
        if (!accounts.hasAccounts()) {
            accounts.createOwner("Acme", EMAIL, "Olga Owner", PASSWORD);
        }
    }

    /** A response with its body as text and, when it is JSON, as a tree. */
    record Response(HttpResponse<String> raw) {

        int status() {
            return raw.statusCode();
        }

        String body() {
            return raw.body();
        }

        JsonNode json() {
            return Values.JSON.readTree(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
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
        try {
            return new Response(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts {@code body} and reads the answer as a server-sent event stream, event by event as it arrives. */
    EventStream stream(String path, Object body) {
        HttpRequest request = request(path)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(Values.JSON.writeValueAsString(body)))
                .build();
        try {
            return new EventStream(http.send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code data:} events of a stream; ping lines and blank lines are skipped. */
    static final class EventStream implements AutoCloseable {

        final HttpResponse<Stream<String>> response;
        private final Iterator<String> lines;

        EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.lines = response.body().iterator();
        }

        int status() {
            return response.statusCode();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        /** The next data event, or null when the stream has ended. */
        JsonNode next() {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                    return Values.JSON.readTree(line.substring("data: ".length()));
                }
            }
            return null;
        }

        /** Every remaining data event, to the end of the stream. */
        List<JsonNode> rest() {
            List<JsonNode> events = new ArrayList<>();
            for (JsonNode e = next(); e != null; e = next()) {
                events.add(e);
            }
            return events;
        }

        @Override
        public void close() {
            response.body().close();
        }
    }

    private HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + basic);
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
