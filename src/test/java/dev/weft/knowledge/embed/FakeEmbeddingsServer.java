package dev.weft.knowledge.embed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for a remote OpenAI-compatible provider: an HTTP server on 127.0.0.1 (a free port) answering
 * {@code POST /v1/embeddings} in OpenAI's wire format. Each input gets a deterministic, not normalised vector of
 * {@code dimensions} numbers derived from its text (so equal texts get equal vectors); the data items come back in
 * reverse order with their {@code index}, as a server may send them. Queued failures are answered first.
 */
final class FakeEmbeddingsServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A canned non-2xx answer. */
    record Failure(int status, String contentType, String body, String retryAfter) {}

    /** What a request carried. */
    record Recorded(String path, String authorization, JsonNode body) {}

    private final HttpServer server;
    private final int dimensions;
    private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private FakeEmbeddingsServer(int dimensions) throws IOException {
        this.dimensions = dimensions;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeEmbeddingsServer start(int dimensions) {
        try {
            return new FakeEmbeddingsServer(dimensions);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake embeddings server", e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    void failNext(Failure failure) {
        failures.add(failure);
    }

    List<Recorded> requests() {
        return requests;
    }

    /** The vector this server gives {@code text}, before normalisation. */
    float[] rawVector(String text) {
        float[] v = new float[dimensions];
        int h = text.hashCode();
        for (int d = 0; d < dimensions; d++) {
            h = h * 31 + d + 7;
            v[d] = (h % 1000) / 100f + (d == 0 ? 20f : 0f);
        }
        return v;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(new Recorded(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization"), body));
            Failure failure = failures.poll();
            if (failure != null) {
                if (failure.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
                }
                send(exchange, failure.status(), failure.contentType(), failure.body());
                return;
            }
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/embeddings")) {
                send(exchange, 404, "application/json", "{\"error\":{\"message\":\"no route " + exchange.getRequestURI().getPath() + "\"}}");
                return;
            }
            ObjectNode reply = JSON.createObjectNode();
            reply.put("object", "list");
            ArrayNode data = reply.putArray("data");
            JsonNode input = body.path("input");
            long tokens = 0;
            for (int i = input.size() - 1; i >= 0; i--) {
                ObjectNode item = data.addObject();
                item.put("object", "embedding");
                item.put("index", i);
                ArrayNode vector = item.putArray("embedding");
                for (float x : rawVector(input.get(i).asString())) {
                    vector.add(x);
                }
                tokens += input.get(i).asString().split(" ").length;
            }
            reply.put("model", body.path("model").asString());
            reply.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
            send(exchange, 200, "application/json", JSON.writeValueAsString(reply));
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
