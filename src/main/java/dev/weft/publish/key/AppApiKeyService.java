package dev.weft.publish.key;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists and revokes an app's Service API keys (at most {@link #MAX_KEYS_PER_APP}) and finds the
 * app a presented key belongs to. Lookups are cached for {@link #CACHE_TTL} (a revoke clears its entry at
 * once); {@code last_used_at} is written in batches every {@link #LAST_USED_FLUSH}, as Dify does.
 */
@Service
public class AppApiKeyService {

    public static final int MAX_KEYS_PER_APP = 10;
    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    static final Duration LAST_USED_FLUSH = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(AppApiKeyService.class);

    /** The key that authenticated a request and the app it opens. */
    public record KeyOwner(String keyId, String appId) {}

    private record Cached(KeyOwner owner, long expiresAtNanos) {}

    private final AppApiKeyRepository keys;
    private final TransactionTemplate transaction;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "api-key-last-used");
        t.setDaemon(true);
        return t;
    });

    public AppApiKeyService(AppApiKeyRepository keys, TransactionTemplate transaction) {
        this.keys = keys;
        this.transaction = transaction;
        long every = LAST_USED_FLUSH.toMillis();
        flusher.scheduleWithFixedDelay(this::flushLastUsed, every, every, TimeUnit.MILLISECONDS);
    }

    /** A new key for the app; its secret is in the result only. */
    public CreatedApiKey create(String appId, String createdBy) {
        return transaction.execute(status -> {
            if (keys.countByAppId(appId) >= MAX_KEYS_PER_APP) {
                throw new IllegalArgumentException("an app can have at most " + MAX_KEYS_PER_APP
                        + " API keys; revoke one before creating another");
            }
            String token = ApiKeyTokens.newToken();
            AppApiKey key = keys.save(new AppApiKey(appId, ApiKeyTokens.hash(token), ApiKeyTokens.hint(token), createdBy));
            return new CreatedApiKey(ApiKeyView.of(key), token);
        });
    }

    /** The app's keys, oldest first, with pending last-used times written first. */
    public List<ApiKeyView> list(String appId) {
        flushLastUsed();
        return keys.findByAppIdOrderByCreatedAtAsc(appId).stream().map(ApiKeyView::of).toList();
    }

    /** Deletes the key; false when the app has no key with this id. It stops working at once. */
    public boolean revoke(String appId, String keyId) {
        Boolean deleted = transaction.execute(status -> keys.findById(keyId)
                .filter(k -> k.getAppId().equals(appId))
                .map(k -> {
                    keys.delete(k);
                    return true;
                })
                .orElse(false));
        byHash.values().removeIf(c -> c.owner().keyId().equals(keyId));
        lastUsed.remove(keyId);
        return Boolean.TRUE.equals(deleted);
    }

    /** The owner of a presented key ({@code app-…}), if it is a live key; notes its use. */
    public Optional<KeyOwner> authenticate(String token) {
        if (token == null || !token.startsWith(ApiKeyTokens.PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String hash = ApiKeyTokens.hash(token);
        long now = System.nanoTime();
        Cached cached = byHash.get(hash);
        KeyOwner owner;
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            owner = cached.owner();
        } else {
            owner = keys.findByTokenHash(hash).map(k -> new KeyOwner(k.getId(), k.getAppId())).orElse(null);
            if (owner == null) {
                byHash.remove(hash);
                return Optional.empty();
            }
            byHash.put(hash, new Cached(owner, now + CACHE_TTL.toNanos()));
        }
        lastUsed.put(owner.keyId(), Instant.now());
        return Optional.of(owner);
    }

    /** Forgets cached lookups of the app's keys (after the app is deleted, for example). */
    public void forgetApp(String appId) {
        byHash.values().removeIf(c -> c.owner().appId().equals(appId));
    }

    void flushLastUsed() {
        if (lastUsed.isEmpty()) {
            return;
        }
        for (String keyId : List.copyOf(lastUsed.keySet())) {
            Instant at = lastUsed.remove(keyId);
            if (at == null) {
                continue;
            }
            try {
                transaction.executeWithoutResult(status -> keys.touch(keyId, at));
            } catch (RuntimeException e) {
                log.warn("could not record the last use of API key {}: {}", keyId, e.toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        flusher.shutdownNow();
        flushLastUsed();
    }
}
