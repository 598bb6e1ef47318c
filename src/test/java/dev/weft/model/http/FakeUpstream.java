package dev.weft.model.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a remote model provider in tests: an HTTP server on 127.0.0.1 that records each request (method,
 * path with query, headers, JSON body) and answers with the next queued {@link Response}, whose bytes the test builds
 * in the provider's own wire format (JSON, SSE events or NDJSON lines). A streamed response can go in lockstep:
 * at each {@link #AWAIT_TOKEN} part the server waits until the client handed the token on ({@link #tokenSeen()}), so
 * a test proves that tokens arrive one by one and not after the whole body.
 */
public final class FakeUpstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request received; {@code headers} are case-insensitive, {@code body} is null when it was not JSON. */
    public record Recorded(String method, String path, String query, Map<String, String> headers, String text, JsonNode body,
            int clientPort) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * A part of a streamed body that is not sent: the server waits there until the client reported a token
     * ({@link #tokenSeen()}), and notes a failure when none came within 5 s. Put it after each token-bearing part.
     */
    public static final String AWAIT_TOKEN = "\u0000await-token";

    private static final String PAUSE = "\u0000pause:";

    /** A part of a streamed body that is not sent: the server waits {@code millis} there before the next part (or the body's end). */
    public static String pause(long millis) {
        return PAUSE + millis;
    }

    /** What to answer: status, headers, content type and the body in parts (one write and flush each). */
    public record Response(int status, Map<String, String> headers, String contentType, List<String> parts) {

        public static Response json(int status, String body) {
            return new Response(status, Map.of(), "application/json", List.of(body));
        }

        public static Response stream(String contentType, List<String> parts) {
            return new Response(200, Map.of(), contentType, List.copyOf(parts));
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, h, contentType, parts);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-upstream");
        t.setDaemon(true);
        return t;
    });
    private final Queue<Response> responses = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Semaphore tokens = new Semaphore(0);
    private final List<String> lockstepFailures = new CopyOnWriteArrayList<>();

    private FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeUpstream start() {
        try {
            return new FakeUpstream();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake upstream", e);
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public FakeUpstream enqueue(Response... next) {
        responses.addAll(List.of(next));
        return this;
    }

    /** Called by a test's token callback: lets a lockstep response send its next part. */
    public void tokenSeen() {
        tokens.release();
    }

    /** The parts after which the client did not report a token in time. */
    public List<String> lockstepFailures() {
        return List.copyOf(lockstepFailures);
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public Recorded lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake upstream received no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body;
            try {
                body = text.isBlank() ? null : JSON.readTree(text);
            } catch (RuntimeException e) {
                body = null;
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, text, body, exchange.getRemoteAddress().getPort()));
            Response response = responses.poll();
            if (response == null) {
                byte[] missing = "{\"error\":{\"message\":\"the fake upstream has no reply queued\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, missing.length);
                exchange.getResponseBody().write(missing);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean single = response.parts().size() == 1;
            byte[] first = response.parts().isEmpty() ? new byte[0] : response.parts().get(0).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), single ? (first.length == 0 ? -1 : first.length) : 0);
            OutputStream out = exchange.getResponseBody();
            List<String> parts = new ArrayList<>(response.parts());
            for (int i = 0; i < parts.size(); i++) {
                if (AWAIT_TOKEN.equals(parts.get(i))) {
                    if (!tokens.tryAcquire(5, TimeUnit.SECONDS)) {
                        lockstepFailures.add(i == 0 ? "(start)" : parts.get(i - 1));
                    }
                    continue;
                }
                if (parts.get(i).startsWith(PAUSE)) {
                    Thread.sleep(Long.parseLong(parts.get(i).substring(PAUSE.length())));
                    continue;
                }
                out.write(parts.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
