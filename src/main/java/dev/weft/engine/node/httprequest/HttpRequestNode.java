package dev.weft.engine.node.httprequest;

import dev.weft.config.WeftProperties;
import dev.weft.engine.file.FileResolver;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.VariableTemplate;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundRequest;
import dev.weft.security.OutboundResponse;
import dev.weft.security.RefusedAddressException;
import dev.weft.security.ResponseTooLargeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code http-request}: calls an HTTP API through the {@link GuardedHttpClient} and outputs {@code status_code},
 * {@code body} (text up to 1 MB), {@code headers} and {@code files} (a binary response, up to 10 MB, stored as an
 * upload). A non-2xx status fails the node only when it has a retry or error strategy, as in Dify.
 */
@Component
public class HttpRequestNode implements NodeExecutor<HttpRequestConfig> {

    static final int MAX_CONNECT_SECONDS = 10;
    static final int MAX_READ_SECONDS = 600;
    static final int MAX_WRITE_SECONDS = 600;
    static final long MAX_TEXT_BYTES = 1024 * 1024;
    static final long MAX_BINARY_BYTES = 10 * 1024 * 1024;
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    private final GuardedHttpClient http;
    private final FileResolver files;
    private final Path uploads;

    public HttpRequestNode(GuardedHttpClient http, FileResolver files, WeftProperties weft) {
        this.http = http;
        this.files = files;
        this.uploads = weft.dataDir().resolve("uploads");
    }

    @Override
    public String type() {
        return "http-request";
    }

    @Override
    public Class<HttpRequestConfig> configType() {
        return HttpRequestConfig.class;
    }

    @Override
    public NodeResult execute(HttpRequestConfig config, NodeContext ctx) throws Exception {
        if (!METHODS.contains(config.method())) {
            throw new NodeExecutionException("InvalidHttpMethodError", "invalid HTTP method '" + config.method() + "'");
        }
        URI uri = uri(config, ctx);
        Map<String, String> headers = new LinkedHashMap<>();
        KeyValueLines.parse(ctx.render(config.headers())).forEach(e -> headers.put(e.getKey(), e.getValue()));
        String authHeader = authorize(config.authorization(), headers, ctx);
        RequestBody body = RequestBody.build(config.body(), ctx, files);
        if (body.contentType() != null && headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("content-type"))) {
            headers.put("Content-Type", body.contentType());
        }
        if (body.contentType() != null && body.contentType().startsWith("multipart/")) {
            headers.keySet().removeIf(k -> k.equalsIgnoreCase("content-type"));
            headers.put("Content-Type", body.contentType());
        }
        String method = config.method().toUpperCase(Locale.ROOT);
        Map<String, Object> processData = Map.of("request", log(method, uri, headers, authHeader, body));
        HttpRequestConfig.Timeout t = config.timeout();
        OutboundRequest request = new OutboundRequest(method, uri, headers,
                body.bytes() == null ? null : HttpRequest.BodyPublishers.ofByteArray(body.bytes()),
                Duration.ofSeconds(clamp(t == null ? null : t.connect(), MAX_CONNECT_SECONDS)),
                Duration.ofSeconds(clamp(t == null ? null : t.read(), MAX_READ_SECONDS)
                        + (body.bytes() == null ? 0 : clamp(t == null ? null : t.write(), MAX_WRITE_SECONDS))),
                MAX_BINARY_BYTES, config.sslVerify());
        OutboundResponse response;
        try {
            response = http.send(request);
        } catch (RefusedAddressException e) {
            throw new NodeExecutionException("HttpRequestRefused", e.getMessage(), e);
        } catch (ResponseTooLargeException e) {
            throw new NodeExecutionException("ResponseSizeError", e.getMessage(), e);
        } catch (IOException e) {
            throw new NodeExecutionException("HttpRequestNodeError", method + " " + uri + " failed: " + e.getMessage(), e);
        }
        boolean isFile = ResponseKind.isFile(response);
        if (!isFile && response.body().length > MAX_TEXT_BYTES) {
            throw new NodeExecutionException("ResponseSizeError", "text response is " + response.body().length
                    + " bytes, more than the limit of " + MAX_TEXT_BYTES);
        }
        List<FileValue> outFiles = isFile ? List.of(store(response)) : List.of();
        if (response.statusCode() / 100 != 2 && failsOnStatus(config)) {
            throw new NodeExecutionException("HTTPResponseCodeError", "Request failed with status code " + response.statusCode());
        }
        Map<String, Object> outputs = NodeResult.map(
                "status_code", response.statusCode(),
                "body", isFile ? "" : response.text(),
                "headers", response.flatHeaders(),
                "files", outFiles);
        return new NodeResult(Map.of("url", uri.toString(), "method", method), processData, outputs, null, null);
    }

    private static URI uri(HttpRequestConfig config, NodeContext ctx) {
        String url = ctx.render(config.url() == null ? "" : config.url()).strip();
        if (url.isEmpty()) {
            throw new NodeExecutionException("InvalidURLError", "url is required");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new NodeExecutionException("InvalidURLError", "url should start with http:// or https://, got '" + url + "'");
        }
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> p : KeyValueLines.parse(config.params())) {
            query.append(query.isEmpty() ? "" : "&").append(encode(ctx.render(p.getKey()))).append('=').append(encode(ctx.render(p.getValue())));
        }
        if (!query.isEmpty()) {
            int hash = url.indexOf('#');
            String fragment = hash < 0 ? "" : url.substring(hash);
            String base = hash < 0 ? url : url.substring(0, hash);
            url = base + (base.contains("?") ? "&" : "?") + query + fragment;
        }
        try {
            return URI.create(url.replace(" ", "%20"));
        } catch (IllegalArgumentException e) {
            throw new NodeExecutionException("InvalidURLError", "invalid url '" + url + "': " + e.getMessage());
        }
    }

    /** Adds the authorization header; returns its name (for masking in the log) or null. */
    private static String authorize(HttpRequestConfig.Authorization auth, Map<String, String> headers, NodeContext ctx) {
        if (auth == null || !"api-key".equals(auth.type())) {
            return null;
        }
        HttpRequestConfig.AuthConfig c = auth.config();
        if (c == null || c.apiKey() == null) {
            throw new NodeExecutionException("AuthorizationConfigError", "authorization api_key is required");
        }
        String key = ctx.render(c.apiKey());
        String header = c.header() == null || c.header().isBlank() ? "Authorization" : c.header();
        switch (c.type() == null ? "custom" : c.type()) {
            case "bearer" -> headers.put(header, "Bearer " + key);
            case "basic" -> headers.put(header, "Basic " + (key.contains(":")
                    ? Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : key));
            case "custom" -> headers.put(header, key);
            default -> throw new NodeExecutionException("AuthorizationConfigError", "unknown authorization type '" + c.type() + "'");
        }
        return header;
    }

    private static String log(String method, URI uri, Map<String, String> headers, String authHeader, RequestBody body) {
        StringBuilder raw = new StringBuilder(method).append(' ').append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            raw.append('?').append(uri.getRawQuery());
        }
        raw.append(" HTTP/1.1\r\nHost: ").append(uri.getRawAuthority()).append("\r\n");
        headers.forEach((k, v) -> raw.append(k).append(": ")
                .append(k.equalsIgnoreCase(authHeader) ? "*".repeat(v.length()) : v).append("\r\n"));
        return raw.append("\r\n").append(body.preview()).toString();
    }

    private FileValue store(OutboundResponse response) throws IOException {
        String mime = ResponseKind.mimeType(response);
        String filename = filename(response);
        String id = UUID.randomUUID().toString();
        Files.createDirectories(uploads);
        Files.write(uploads.resolve(id), response.body());
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? null : filename.substring(dot);
        String type = mime.startsWith("image/") ? "image" : mime.startsWith("audio/") ? "audio"
                : mime.startsWith("video/") ? "video" : "document";
        return new FileValue(type, "local_file", null, id, filename, extension, mime.isEmpty() ? "application/octet-stream" : mime,
                (long) response.body().length);
    }

    private static String filename(OutboundResponse response) {
        String disposition = response.header("content-disposition").orElse("");
        var m = java.util.regex.Pattern.compile("filename\\*?=(?:UTF-8'')?\"?([^\";]+)\"?", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(disposition);
        if (m.find()) {
            return Path.of(java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8)).getFileName().toString();
        }
        String path = response.uri().getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "response" : last;
    }

    private static boolean failsOnStatus(HttpRequestConfig config) {
        return (config.errorStrategy() != null && !config.errorStrategy().isBlank())
                || (config.retryConfig() != null && config.retryConfig().retryEnabled());
    }

    private static int clamp(Integer seconds, int ceiling) {
        return seconds == null || seconds <= 0 ? ceiling : Math.min(seconds, ceiling);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public List<Selector> inputSelectors(HttpRequestConfig config) {
        List<Selector> selectors = new ArrayList<>();
        selectors.addAll(VariableTemplate.references(config.url()));
        selectors.addAll(VariableTemplate.references(config.headers()));
        selectors.addAll(VariableTemplate.references(config.params()));
        if (config.authorization() != null && config.authorization().config() != null) {
            selectors.addAll(VariableTemplate.references(config.authorization().config().apiKey()));
        }
        if (config.body() != null) {
            for (HttpRequestConfig.BodyItem item : config.body().data()) {
                selectors.addAll(VariableTemplate.references(item.key()));
                selectors.addAll(VariableTemplate.references(item.value()));
                if (item.file() != null && item.file().size() >= 2) {
                    selectors.add(new Selector(item.file()));
                }
            }
        }
        return selectors;
    }

    @Override
    public List<String> outputNames(HttpRequestConfig config) {
        return List.of("status_code", "body", "headers", "files");
    }

    @Override
    public List<ConfigProblem> validate(HttpRequestConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!METHODS.contains(config.method())) {
            problems.add(new ConfigProblem("method", "invalid HTTP method '" + config.method() + "'"));
        }
        if (config.url() == null || config.url().isBlank()) {
            problems.add(new ConfigProblem("url", "url is required"));
        } else if (!config.url().startsWith("{{#") && !config.url().matches("(?i)^https?://.*")) {
            problems.add(new ConfigProblem("url", "url should start with http:// or https://"));
        }
        if (config.body() != null && config.body().type() != null
                && !Set.of("none", "form-data", "x-www-form-urlencoded", "raw-text", "json", "binary").contains(config.body().type())) {
            problems.add(new ConfigProblem("body.type", "unknown body type '" + config.body().type() + "'"));
        }
        if (config.authorization() != null && "api-key".equals(config.authorization().type())
                && (config.authorization().config() == null || config.authorization().config().apiKey() == null)) {
            problems.add(new ConfigProblem("authorization.config.api_key", "api_key is required for api-key authorization"));
        }
        return problems;
    }
}
