package dev.weft.engine.node.httprequest;

import dev.weft.engine.graph.NodeSettings;
import java.util.List;

/**
 * The {@code data} of an {@code http-request} node, as Dify writes it. {@code url}, {@code headers}, {@code params}
 * and body values may hold {@code {{#...#}}} references. {@code headers} and {@code params} are newline-separated
 * {@code key:value} lines. {@code retry_config} and {@code error_strategy} are read only to decide, as Dify does,
 * whether a non-2xx status fails the node.
 */
public record HttpRequestConfig(
        String method,
        String url,
        Authorization authorization,
        String headers,
        String params,
        Body body,
        Timeout timeout,
        Boolean sslVerify,
        NodeSettings.RetryConfig retryConfig,
        String errorStrategy) {

    public HttpRequestConfig {
        method = method == null || method.isBlank() ? "get" : method.toLowerCase(java.util.Locale.ROOT);
        headers = headers == null ? "" : headers;
        params = params == null ? "" : params;
        sslVerify = sslVerify == null || sslVerify;
    }

    /** {@code type} is {@code no-auth} or {@code api-key}. */
    public record Authorization(String type, AuthConfig config) {}

    /** {@code type} is {@code basic}, {@code bearer} or {@code custom}; {@code header} defaults to Authorization. */
    public record AuthConfig(String type, String apiKey, String header) {}

    /** {@code type}: {@code none, form-data, x-www-form-urlencoded, raw-text, json, binary}. */
    public record Body(String type, List<BodyItem> data) {

        public Body {
            data = data == null ? List.of() : data;
        }
    }

    /** A body part: {@code type} {@code text} with {@code value}, or {@code file} with the selector {@code file}. */
    public record BodyItem(String key, String type, String value, List<String> file) {}

    /** Seconds; zero or missing means the ceiling. */
    public record Timeout(Integer connect, Integer read, Integer write) {}
}
