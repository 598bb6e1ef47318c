package dev.weft.knowledge.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One spelling per page, so a crawl visits it once: scheme and host in lower case, no default port, no fragment,
 * dot segments resolved, an empty path as {@code /}, and tracking parameters ({@code utm_*}, {@code fbclid},
 * {@code gclid}) dropped. Anything but http and https is not a page.
 */
final class UrlNormalizer {

    private UrlNormalizer() {}

    static Optional<URI> normalize(String url) {
        try {
            return normalize(new URI(url.strip().replace(" ", "%20")));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Optional<URI> normalize(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        if (scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443) {
            port = -1;
        }
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        while (path.startsWith("/../")) {
            path = path.substring(3);
        }
        String query = query(uri.getRawQuery());
        StringBuilder out = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
        if (port != -1) {
            out.append(':').append(port);
        }
        out.append(path);
        if (query != null) {
            out.append('?').append(query);
        }
        try {
            return Optional.of(new URI(out.toString()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String part : raw.split("&")) {
            String name = part.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!part.isEmpty() && !name.startsWith("utm_") && !name.equals("fbclid") && !name.equals("gclid")) {
                kept.add(part);
            }
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }
}
