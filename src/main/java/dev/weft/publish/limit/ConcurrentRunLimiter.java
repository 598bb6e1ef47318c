package dev.weft.publish.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Counts each app's runs in progress through the Service API and refuses one over the app's maximum. */
@Component
public class ConcurrentRunLimiter {

    /** How long a refused client should wait before it tries again. */
    static final long RETRY_AFTER_SECONDS = 1;

    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

    /** A slot held by one run; releasing it more than once is harmless. */
    public static final class Permit {
        private final AtomicInteger counter;
        private final AtomicBoolean released = new AtomicBoolean();

        private Permit(AtomicInteger counter) {
            this.counter = counter;
        }

        public void release() {
            if (counter != null && released.compareAndSet(false, true)) {
                counter.decrementAndGet();
            }
        }
    }

    /** @throws TooManyRequestsException when the app already runs {@code max} runs; {@code max} 0 means no limit */
    public Permit acquire(String appId, int max) {
        AtomicInteger counter = running.computeIfAbsent(appId, k -> new AtomicInteger());
        if (max <= 0) {
            counter.incrementAndGet();
            return new Permit(counter);
        }
        while (true) {
            int now = counter.get();
            if (now >= max) {
                throw new TooManyRequestsException("the app already runs its maximum of " + max
                        + " concurrent runs; retry shortly", RETRY_AFTER_SECONDS);
            }
            if (counter.compareAndSet(now, now + 1)) {
                return new Permit(counter);
            }
        }
    }

    /** Runs in progress for the app. */
    public int running(String appId) {
        AtomicInteger counter = running.get(appId);
        return counter == null ? 0 : counter.get();
    }
}
