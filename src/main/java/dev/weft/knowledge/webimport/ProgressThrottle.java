package dev.weft.knowledge.webimport;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Says when progress is worth writing: the first time, then at most once per interval, however fast pages come.
 * Not thread-safe: one import's crawl asks it.
 */
final class ProgressThrottle {

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long last;

    ProgressThrottle(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.last = nanoClock.getAsLong() - intervalNanos;
    }

    boolean due() {
        long now = nanoClock.getAsLong();
        if (now - last < intervalNanos) {
            return false;
        }
        last = now;
        return true;
    }
}
