package dev.weft.app;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The number of each app's latest published version, which the Service API runs on every request. Kept in
 * memory for {@link #TTL}; {@link AppService} forgets an app's entry when it publishes a version or deletes the
 * app (after the commit), so a publish takes effect at once in this process and within the TTL in others.
 */
@Component
public class LatestPublishedVersions {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Entry(int version, long expiresAtNanos) {}

    private final AppVersionRepository versions;
    private final Map<String, Entry> latest = new ConcurrentHashMap<>();

    LatestPublishedVersions(AppVersionRepository versions) {
        this.versions = versions;
    }

    /** The latest published version number, or empty when the app has published none. */
    public Optional<Integer> of(String appId) {
        long now = System.nanoTime();
        Entry e = latest.get(appId);
        if (e == null || now - e.expiresAtNanos() >= 0) {
            e = new Entry(versions.maxVersion(appId), now + TTL.toNanos());
            if (latest.size() > 10_000) {
                latest.clear();
            }
            latest.put(appId, e);
        }
        return e.version() > AppVersion.DRAFT ? Optional.of(e.version()) : Optional.empty();
    }

    void forget(String appId) {
        latest.remove(appId);
    }
}
