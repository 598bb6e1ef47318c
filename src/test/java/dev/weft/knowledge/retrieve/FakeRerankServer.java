package dev.weft.knowledge.retrieve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a remote rerank provider: {@code POST /v1/rerank} on 127.0.0.1 (a free port) in the Cohere/Jina
 * wire format. The answer is computed from the request by {@code answer} (status and JSON body).
 */
final class FakeRerankServer implements AutoCloseable {

    record Answer(int status, String body) {}

    record Request(String authorization, JsonNode body) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeRerankServer(Function<JsonNode, Answer> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/rerank", ex -> {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            requests.add(new Request(ex.getRequestHeaders().getFirst("Authorization"), body));
            Answer a = answer.apply(body);
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    /** Scores each document by how many times it contains {@code word} (more is better), Cohere-style. */
    static Answer countWord(JsonNode request, String word) {
        List<String> docs = request.path("documents").valueStream().map(JsonNode::asString).toList();
        StringBuilder results = new StringBuilder("{\"id\":\"x\",\"results\":[");
        for (int i = 0; i < docs.size(); i++) {
            int n = docs.get(i).toLowerCase().split(word, -1).length - 1;
            results.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"relevance_score\":").append(n / 10.0).append('}');
        }
        return new Answer(200, results.append("],\"meta\":{}}").toString());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
