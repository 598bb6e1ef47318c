package dev.weft.engine.node.httprequest;

import dev.weft.engine.file.FileResolver;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import dev.weft.security.MultipartForm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bytes and content type of a request body, built from the node's {@code body} config. */
record RequestBody(byte[] bytes, String contentType, String preview) {

    static final RequestBody NONE = new RequestBody(null, null, "");

    static RequestBody build(HttpRequestConfig.Body body, NodeContext ctx, FileResolver files) {
        if (body == null || body.type() == null || body.type().equals("none")) {
            return NONE;
        }
        List<HttpRequestConfig.BodyItem> data = body.data();
        return switch (body.type()) {
            case "raw-text" -> text(single(data, "raw-text"), ctx, "text/plain");
            case "json" -> {
                RequestBody json = text(single(data, "json"), ctx, "application/json");
                String text = new String(json.bytes(), StandardCharsets.UTF_8);
                try {
                    Values.JSON.readTree(text);
                } catch (RuntimeException e) {
                    throw new NodeExecutionException("RequestBodyError", "the JSON body is not valid JSON: " + abbreviate(text), e);
                }
                yield json;
            }
            case "x-www-form-urlencoded" -> {
                List<String> pairs = new ArrayList<>();
                for (HttpRequestConfig.BodyItem item : data) {
                    if (item.key() != null && !item.key().isBlank()) {
                        pairs.add(encode(ctx.render(item.key())) + "=" + encode(ctx.render(item.value())));
                    }
                }
                String form = String.join("&", pairs);
                yield new RequestBody(form.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", form);
            }
            case "form-data" -> multipart(data, ctx, files);
            case "binary" -> {
                HttpRequestConfig.BodyItem item = single(data, "binary");
                List<FileValue> found = files(item.file(), ctx);
                if (found.isEmpty()) {
                    throw new NodeExecutionException("FileFetchError", "no file at " + item.file() + " for the binary body");
                }
                FileValue file = found.getFirst();
                yield new RequestBody(read(file, files), file.mimeType() == null ? "application/octet-stream" : file.mimeType(),
                        "(binary " + file.filename() + ")");
            }
            default -> throw new NodeExecutionException("RequestBodyError", "unknown body type '" + body.type() + "'");
        };
    }

    private static RequestBody text(HttpRequestConfig.BodyItem item, NodeContext ctx, String contentType) {
        String text = ctx.render(item.value() == null ? "" : item.value());
        return new RequestBody(text.getBytes(StandardCharsets.UTF_8), contentType, text);
    }

    private static RequestBody multipart(List<HttpRequestConfig.BodyItem> data, NodeContext ctx, FileResolver files) {
        MultipartForm form = new MultipartForm();
        StringBuilder preview = new StringBuilder();
        for (HttpRequestConfig.BodyItem item : data) {
            if (item.key() == null || item.key().isBlank()) {
                continue;
            }
            String key = ctx.render(item.key());
            if ("file".equals(item.type())) {
                for (FileValue file : files(item.file(), ctx)) {
                    String name = file.filename() == null ? "file" : file.filename();
                    preview.append(form.file(key, name, file.mimeType(), read(file, files))).append("(file ").append(name).append(")\r\n");
                }
            } else {
                preview.append(form.field(key, ctx.render(item.value() == null ? "" : item.value())));
            }
        }
        preview.append(form.end());
        return new RequestBody(form.bytes(), form.contentType(), preview.toString());
    }

    private static HttpRequestConfig.BodyItem single(List<HttpRequestConfig.BodyItem> data, String type) {
        if (data.size() != 1) {
            throw new NodeExecutionException("RequestBodyError", "a " + type + " body needs exactly one item, got " + data.size());
        }
        return data.getFirst();
    }

    private static List<FileValue> files(List<String> selector, NodeContext ctx) {
        if (selector == null || selector.size() < 2) {
            return List.of();
        }
        Object value = ctx.resolve(selector).orElse(null);
        if (value instanceof FileValue f) {
            return List.of(f);
        }
        if (value instanceof List<?> list && list.stream().allMatch(FileValue.class::isInstance)) {
            return list.stream().map(FileValue.class::cast).toList();
        }
        if (value == null) {
            return List.of();
        }
        throw new NodeExecutionException("FileFetchError", new Selector(selector) + " is not a file");
    }

    private static byte[] read(FileValue file, FileResolver files) {
        try (InputStream in = files.open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new NodeExecutionException("FileFetchError", "cannot read " + file.filename() + ": " + e.getMessage(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
