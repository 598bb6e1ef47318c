package dev.weft.support;

import dev.weft.engine.variable.Values;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * What the HTTP API test bases share: a running Weft on a random port (each subclass says how it boots), its owner
 * account (made on first use), an HTTP client, calls with a Bearer key or as the owner with HTTP Basic, responses as text
 * and JSON, and server-sent event streams read event by event.
 */
public abstract class HttpApiTestBase {

    protected static final String EMAIL = "owner@example.com";
    protected static final String PASSWORD = "a long enough password";

    @LocalServerPort protected int port;
    @Autowired protected AccountService accounts;

    protected final HttpClient http = HttpClient.newHttpClient();
    protected Account owner;

    @BeforeEach
    void signUpOwner() {
        if (!accounts.hasAccounts()) {
            accounts.createOwner("Acme", EMAIL, "Olga Owner", PASSWORD);
        }
        owner = accounts.findByEmail(EMAIL).orElseThrow();
    }

    /** A response with its body as text and, when it is JSON, as a tree. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return Values.JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The {@code Authorization} header value that signs in as the owner. */
    protected static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((EMAIL + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A call with {@code Authorization: Bearer bearer} (none when null) and a text body (none when null). */
    protected Response send(String bearer, String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    protected Response send(HttpRequest request) {
        try {
            return new Response(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends the request and reads the answer as a server-sent event stream. */
    protected EventStream open(HttpRequest request) {
        try {
            return new EventStream(http.send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code data:} events of a stream, event by event as they arrive; ping lines and blank lines are skipped, but kept in {@link #rawLines}. */
    public static final class EventStream implements AutoCloseable {

        public final HttpResponse<Stream<String>> response;
        public final List<String> rawLines = new ArrayList<>();
        private final Iterator<String> lines;

        EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.lines = response.body().iterator();
        }

        public int status() {
            return response.statusCode();
        }

        public String contentType() {
            return response.headers().firstValue("Content-Type").orElse("");
        }

        /** The next data event, or null when the stream has ended. */
        public JsonNode next() {
            while (lines.hasNext()) {
                String line = lines.next();
                rawLines.add(line);
                if (line.startsWith("data: ")) {
                    return Values.JSON.readTree(line.substring("data: ".length()));
                }
            }
            return null;
        }

        /** Every remaining data event, to the end of the stream. */
        public List<JsonNode> rest() {
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
}
