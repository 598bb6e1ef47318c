package dev.weft.engine.node.httprequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.config.WeftProperties;
import dev.weft.engine.file.FileProperties;
import dev.weft.engine.file.LocalAndRemoteFileResolver;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Values;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpRequestNodeTest {

    @TempDir
    Path dataDir;

    private HttpServer server;
    private String base;
    private final StubNodeContext ctx = new StubNodeContext("http");

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", this::echo);
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "http://127.0.0.2:" + server.getAddress().getPort() + "/echo");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/hop", ex -> {
            ex.getResponseHeaders().add("Location", "/echo?hopped=1");
            ex.sendResponseHeaders(307, -1);
            ex.close();
        });
        server.createContext("/image.png", ex -> {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff, (byte) 0xfe};
            ex.getResponseHeaders().add("Content-Type", "image/png");
            ex.sendResponseHeaders(200, png.length);
            ex.getResponseBody().write(png);
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void echo(HttpExchange ex) throws IOException {
        Map<String, Object> seen = NodeResult.map(
                "method", ex.getRequestMethod(),
                "query", ex.getRequestURI().getRawQuery(),
                "authorization", ex.getRequestHeaders().getFirst("Authorization"),
                "x_trace", ex.getRequestHeaders().getFirst("X-Trace"),
                "content_type", ex.getRequestHeaders().getFirst("Content-Type"),
                "body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] out = Values.JSON.writeValueAsBytes(seen);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.getResponseHeaders().add("X-Server", "echo");
        ex.sendResponseHeaders(200, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private HttpRequestNode node(String... allow) {
        var http = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of(allow))));
        var weft = new WeftProperties(dataDir);
        return new HttpRequestNode(http, new LocalAndRemoteFileResolver(weft, new FileProperties(null), http), weft);
    }

    private NodeResult run(HttpRequestNode node, String json) throws Exception {
        return node.execute(NodeRegistry.bind(node, Values.JSON.readTree(json.replace("BASE", base))), ctx);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> echoed(NodeResult result) {
        return (Map<String, Object>) Values.parseJsonOrText((String) result.outputs().get("body"));
    }

    @Test
    void loopback_is_refused_by_default_naming_the_address_and_setting() {
        assertThatThrownBy(() -> run(node(), "{\"method\":\"get\",\"url\":\"BASE/echo\"}"))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("127.0.0.1 is a loopback address")
                .hasMessageContaining("weft.security.outbound.allow");
    }

    @Test
    void get_with_params_headers_and_bearer_auth() throws Exception {
        ctx.pool.put("start", "q", "a b&c");
        ctx.pool.put("env", "TOKEN", "s3cret");
        var result = run(node("127.0.0.1"), """
                {"method":"get","url":"BASE/echo","params":"q:{{#start.q#}}\\nlimit: 5",
                 "headers":"X-Trace: {{#start.q#}}\\n",
                 "authorization":{"type":"api-key","config":{"type":"bearer","api_key":"{{#env.TOKEN#}}"}}}""");
        assertThat(result.outputs()).containsEntry("status_code", 200);
        assertThat(echoed(result)).containsEntry("method", "GET").containsEntry("query", "q=a+b%26c&limit=5")
                .containsEntry("x_trace", "a b&c").containsEntry("authorization", "Bearer s3cret");
        assertThat((Map<String, String>) result.outputs().get("headers")).containsEntry("x-server", "echo");
        assertThat((String) result.processData().get("request")).contains("Authorization: ******").doesNotContain("s3cret");
    }

    @Test
    void post_json_and_forms() throws Exception {
        ctx.pool.put("start", "name", "Ada");
        HttpRequestNode node = node("127.0.0.1");
        var json = echoed(run(node, """
                {"method":"post","url":"BASE/echo","body":{"type":"json","data":[{"type":"text","value":"{\\"name\\": \\"{{#start.name#}}\\"}"}]}}"""));
        assertThat(json).containsEntry("body", "{\"name\": \"Ada\"}").containsEntry("content_type", "application/json");

        var form = echoed(run(node, """
                {"method":"post","url":"BASE/echo","body":{"type":"x-www-form-urlencoded","data":[
                  {"key":"name","type":"text","value":"{{#start.name#}}"},{"key":"x y","type":"text","value":"1&2"}]}}"""));
        assertThat(form).containsEntry("body", "name=Ada&x+y=1%262")
                .containsEntry("content_type", "application/x-www-form-urlencoded");

        Files.createDirectories(dataDir.resolve("uploads"));
        Files.writeString(dataDir.resolve("uploads").resolve("f1"), "file body");
        ctx.pool.put("start", "doc", new FileValue("document", "local_file", null, "f1", "a.txt", ".txt", "text/plain", 9L));
        var multipart = echoed(run(node, """
                {"method":"put","url":"BASE/echo","body":{"type":"form-data","data":[
                  {"key":"name","type":"text","value":"{{#start.name#}}"},{"key":"doc","type":"file","file":["start","doc"]}]}}"""));
        assertThat((String) multipart.get("content_type")).startsWith("multipart/form-data; boundary=");
        assertThat((String) multipart.get("body")).contains("name=\"name\"\r\n\r\nAda\r\n")
                .contains("filename=\"a.txt\"").contains("file body");
        assertThat(multipart).containsEntry("method", "PUT");
    }

    @Test
    void basic_and_custom_auth() throws Exception {
        HttpRequestNode node = node("127.0.0.1");
        var basic = echoed(run(node, """
                {"url":"BASE/echo","authorization":{"type":"api-key","config":{"type":"basic","api_key":"user:pw"}}}"""));
        assertThat(basic).containsEntry("authorization", "Basic dXNlcjpwdw==");
        var custom = echoed(run(node, """
                {"url":"BASE/echo","authorization":{"type":"api-key","config":{"type":"custom","api_key":"k1","header":"X-Trace"}}}"""));
        assertThat(custom).containsEntry("x_trace", "k1");
    }

    @Test
    void redirect_to_a_refused_address_is_refused_and_allowed_hops_are_followed() throws Exception {
        HttpRequestNode node = node("127.0.0.1");
        assertThatThrownBy(() -> run(node, "{\"url\":\"BASE/redirect\"}"))
                .isInstanceOf(NodeExecutionException.class)
                .hasMessageContaining("127.0.0.2 is a loopback address");
        var hopped = echoed(run(node, """
                {"method":"post","url":"BASE/hop","body":{"type":"raw-text","data":[{"type":"text","value":"kept"}]}}"""));
        assertThat(hopped).containsEntry("query", "hopped=1").containsEntry("method", "POST").containsEntry("body", "kept");
    }

    @Test
    void binary_responses_become_files_and_status_codes_pass_through() throws Exception {
        HttpRequestNode node = node("127.0.0.1");
        var result = run(node, "{\"url\":\"BASE/image.png\"}");
        assertThat(result.outputs()).containsEntry("body", "");
        FileValue file = (FileValue) ((List<?>) result.outputs().get("files")).getFirst();
        assertThat(file.filename()).isEqualTo("image.png");
        assertThat(file.mimeType()).isEqualTo("image/png");
        assertThat(Files.size(dataDir.resolve("uploads").resolve(file.uploadFileId()))).isEqualTo(9);

        assertThat(run(node, "{\"url\":\"BASE/missing\"}").outputs()).containsEntry("status_code", 404);
        assertThatThrownBy(() -> run(node, "{\"url\":\"BASE/missing\",\"error_strategy\":\"fail-branch\"}"))
                .hasMessage("Request failed with status code 404");
    }

    @Test
    void bad_input_is_named() {
        HttpRequestNode node = node("127.0.0.1");
        assertThatThrownBy(() -> run(node, "{\"url\":\"ftp://example.com\"}")).hasMessageContaining("should start with http://");
        assertThatThrownBy(() -> run(node, "{\"method\":\"fetch\",\"url\":\"BASE/echo\"}")).hasMessageContaining("invalid HTTP method 'fetch'");
        assertThatThrownBy(() -> run(node, """
                {"method":"post","url":"BASE/echo","body":{"type":"json","data":[{"type":"text","value":"{oops"}]}}"""))
                .hasMessageContaining("not valid JSON");
    }
}
