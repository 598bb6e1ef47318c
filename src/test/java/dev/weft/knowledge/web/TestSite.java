package dev.weft.knowledge.web;

import com.sun.net.httpserver.HttpServer;
import dev.weft.knowledge.extract.TikaDocumentParser;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A small web site on 127.0.0.1 for the loader and crawler tests: fixed answers by path and query, 404 otherwise. */
final class TestSite implements AutoCloseable {

    record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {}

    static final TikaDocumentParser PARSER = TikaDocumentParser.withDefaults();

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    TestSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            requests.add(target);
            Answer answer = answers.getOrDefault(target, new Answer(404, "text/plain", "not here".getBytes(StandardCharsets.UTF_8), Map.of()));
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
            exchange.close();
        });
        server.start();
    }

    TestSite page(String path, String html) {
        return answer(path, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    TestSite answer(String path, int status, String contentType, byte[] body) {
        answers.put(path, new Answer(status, contentType, body, Map.of()));
        return this;
    }

    TestSite redirect(String from, String to) {
        answers.put(from, new Answer(302, null, new byte[0], Map.of("Location", to)));
        return this;
    }

    URI url(String path) {
        return URI.create(base() + path);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** A loader whose address guard admits 127.0.0.1 (or nothing private when {@code allow} is empty). */
    static WebPageLoader loader(List<String> allow, WebProperties properties) {
        return new WebPageLoader(new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(allow))), PARSER, properties);
    }

    static WebPageLoader loader() {
        return loader(List.of("127.0.0.1"), new WebProperties(null, null, Duration.ofSeconds(10), Duration.ZERO));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
