package dev.weft.publish.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Requests per minute per API key, as a token bucket: a key may burst up to its per-minute limit, and
 * regains one request every 60/limit seconds. Buckets live in memory (one process serves the API).
 */
@Component
public class RequestRateLimiter {

    private static final class Bucket {
        double tokens;
        long lastNanos;
        int limit;
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Takes one request from the key's bucket. @throws TooManyRequestsException with the seconds until the
     * next request is allowed, when the bucket is empty. {@code perMinute} 0 means no limit.
     */
    public void acquire(String keyId, int perMinute) {
        if (perMinute <= 0) {
            return;
        }
        Bucket b = buckets.computeIfAbsent(keyId, k -> {
            Bucket fresh = new Bucket();
            fresh.tokens = perMinute;
            fresh.limit = perMinute;
            fresh.lastNanos = System.nanoTime();
            return fresh;
        });
        double perNano = perMinute / 60e9;
        synchronized (b) {
            long now = System.nanoTime();
            if (b.limit != perMinute) {
                b.tokens = Math.min(b.tokens, perMinute);
                b.limit = perMinute;
            }
            b.tokens = Math.min(perMinute, b.tokens + (now - b.lastNanos) * perNano);
            b.lastNanos = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            long waitSeconds = (long) Math.ceil((1 - b.tokens) / perNano / 1e9);
            throw new TooManyRequestsException("this API key is over its limit of " + perMinute
                    + " requests per minute; retry in " + waitSeconds + " s", waitSeconds);
        }
    }
}
