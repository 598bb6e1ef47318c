package dev.weft.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request for {@link GuardedHttpClient}. {@code body} may be null (no body); it is sent again after a 307/308
 * redirect, so use a replayable publisher such as {@code BodyPublishers.ofByteArray}. A response body longer than
 * {@code maxResponseBytes} fails the request.
 */
public record OutboundRequest(
        String method,
        URI uri,
        Map<String, String> headers,
        HttpRequest.BodyPublisher body,
        Duration connectTimeout,
        Duration readTimeout,
        long maxResponseBytes,
        boolean verifyTls) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    public OutboundRequest {
        method = method == null || method.isBlank() ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
        connectTimeout = connectTimeout == null || connectTimeout.isZero() ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        readTimeout = readTimeout == null || readTimeout.isZero() ? DEFAULT_READ_TIMEOUT : readTimeout;
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
    }

    /** A plain GET with default timeouts and TLS verification. */
    public static OutboundRequest get(URI uri, long maxResponseBytes) {
        return new OutboundRequest("GET", uri, Map.of(), null, null, null, maxResponseBytes, true);
    }
}
