package dev.weft.publish.key;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes when each key of one kind was last used ({@code last_used_at}), at most once per {@code minGap} per key:
 * either at once, on the request's thread ({@code batchEvery} zero), or in batches every {@code batchEvery} on a daemon
 * thread and whenever {@link #flush()} is called (before a list shows the times).
 */
final class KeyUseRecorder {

    private static final Logger log = LoggerFactory.getLogger(KeyUseRecorder.class);

    private final ApiKeyRepository<?> keys;
    private final TransactionTemplate transaction;
    private final String noun;
    private final Duration minGap;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastNoted = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /** {@code noun} names the kind of key in log lines ("API key"). */
    KeyUseRecorder(ApiKeyRepository<?> keys, TransactionTemplate transaction, String noun, Duration batchEvery, Duration minGap) {
        this.keys = keys;
        this.transaction = transaction;
        this.noun = noun;
        this.minGap = minGap;
        if (batchEvery.isZero()) {
            this.flusher = null;
        } else {
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "api-key-last-used");
                t.setDaemon(true);
                return t;
            });
            long every = batchEvery.toMillis();
            flusher.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** The key was used now. */
    void note(String keyId) {
        Instant at = Instant.now();
        if (!minGap.isZero()) {
            Instant last = lastNoted.get(keyId);
            if (last != null && last.plus(minGap).isAfter(at)) {
                return;
            }
            lastNoted.put(keyId, at);
        }
        if (flusher == null) {
            write(keyId, at);
        } else {
            pending.put(keyId, at);
        }
    }

    /** Writes the uses noted since the last batch. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        for (String keyId : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                write(keyId, at);
            }
        }
    }

    /** Drops what is noted of a revoked key. */
    void forget(String keyId) {
        pending.remove(keyId);
        lastNoted.remove(keyId);
    }

    /** Stops the batch thread and writes what is pending. */
    void stop() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flush();
    }

    private void write(String keyId, Instant at) {
        try {
            transaction.executeWithoutResult(status -> keys.touch(keyId, at));
        } catch (RuntimeException e) {
            log.warn("could not record the last use of {} {}: {}", noun, keyId, e.toString());
        }
    }
}
