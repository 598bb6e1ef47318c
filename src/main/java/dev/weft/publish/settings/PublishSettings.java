package dev.weft.publish.settings;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * An app's Service API settings. {@code requestsPerMinute} per key and {@code maxConcurrentRuns} per app;
 * 0 means no limit. {@code corsOrigins}: the browser origins ({@code https://example.com[:port]}) that may
 * call the API, none by default; {@code *} allows any.
 */
public record PublishSettings(boolean apiEnabled, int requestsPerMinute, int maxConcurrentRuns, List<String> corsOrigins) {

    public static final int MAX_REQUESTS_PER_MINUTE = 1_000_000;
    public static final int MAX_CONCURRENT_RUNS = 10_000;
    public static final int MAX_ORIGINS = 50;

    /** An app that was never configured: API on, no limits, no browser origins (as Dify by default). */
    public static final PublishSettings DEFAULTS = new PublishSettings(true, 0, 0, List.of());

    public PublishSettings {
        if (requestsPerMinute < 0 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
            throw new IllegalArgumentException("requests_per_minute must be between 0 (no limit) and "
                    + MAX_REQUESTS_PER_MINUTE + ", got " + requestsPerMinute);
        }
        if (maxConcurrentRuns < 0 || maxConcurrentRuns > MAX_CONCURRENT_RUNS) {
            throw new IllegalArgumentException("max_concurrent_runs must be between 0 (no limit) and "
                    + MAX_CONCURRENT_RUNS + ", got " + maxConcurrentRuns);
        }
        corsOrigins = normalise(corsOrigins == null ? List.of() : corsOrigins);
    }

    public boolean allowsOrigin(String origin) {
        if (origin == null) {
            return false;
        }
        return corsOrigins.contains("*") || corsOrigins.contains(origin.toLowerCase(Locale.ROOT));
    }

    private static List<String> normalise(List<String> origins) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < origins.size(); i++) {
            String o = origins.get(i) == null ? "" : origins.get(i).strip();
            if (o.isEmpty()) {
                continue;
            }
            if (o.equals("*")) {
                out.add(o);
                continue;
            }
            URI uri;
            try {
                uri = URI.create(o);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cors_origins[" + i + "]: '" + o + "' is not an origin like https://example.com");
            }
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("cors_origins[" + i + "]: '" + o
                        + "' is not an origin: scheme, host and optional port only, like https://example.com:8443");
            }
            out.add(o.toLowerCase(Locale.ROOT));
        }
        if (out.size() > MAX_ORIGINS) {
            throw new IllegalArgumentException("cors_origins: at most " + MAX_ORIGINS + " origins, got " + out.size());
        }
        return new ArrayList<>(out).stream().toList();
    }
}
