package dev.weft.security;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A response from {@link GuardedHttpClient}: status, the URI that answered (after redirects), headers and body. */
public record OutboundResponse(int statusCode, URI uri, Map<String, List<String>> headers, byte[] body) {

    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().getFirst())
                .findFirst();
    }

    /** The Content-Type header, or "" when there is none. */
    public String contentType() {
        return header("content-type").orElse("");
    }

    /** The headers with repeated values joined by ", ", lower-case names as HTTP/2 and Dify show them. */
    public Map<String, String> flatHeaders() {
        Map<String, String> flat = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (!k.startsWith(":")) {
                flat.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v));
            }
        });
        return flat;
    }

    /** The body as text, in the charset the Content-Type names (UTF-8 otherwise). */
    public String text() {
        Charset charset = StandardCharsets.UTF_8;
        for (String part : contentType().split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    charset = Charset.forName(p.substring(8).replace("\"", "").trim());
                } catch (RuntimeException ignored) {
                    // unknown charset: keep UTF-8
                }
            }
        }
        return new String(body, charset);
    }
}
