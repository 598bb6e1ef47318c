package dev.weft.publish.key;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists and revokes a workspace's Knowledge API keys (at most {@link #MAX_KEYS_PER_WORKSPACE}, as in Dify)
 * and finds the workspace a presented {@code dataset-…} key opens. Secrets are hashed like app keys
 * ({@link ApiKeyTokens}); lookups are cached for {@link AppApiKeyService#CACHE_TTL} (a revoke clears its entry at
 * once) and {@code last_used_at} is written at most once per {@link #LAST_USED_RESOLUTION} per key.
 */
@Service
public class DatasetApiKeyService {

    public static final int MAX_KEYS_PER_WORKSPACE = 10;
    static final Duration LAST_USED_RESOLUTION = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DatasetApiKeyService.class);

    /** The key that authenticated a request, its workspace and the account that created it (may be null). */
    public record KeyOwner(String keyId, String workspaceId, String createdBy) {}

    private record Cached(KeyOwner owner, long expiresAtNanos) {}

    private final DatasetApiKeyRepository keys;
    private final TransactionTemplate transaction;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

    public DatasetApiKeyService(DatasetApiKeyRepository keys, TransactionTemplate transaction) {
        this.keys = keys;
        this.transaction = transaction;
    }

    /** A new key for the workspace; its secret is in the result only. */
    public CreatedDatasetApiKey create(String workspaceId, String createdBy) {
        return transaction.execute(status -> {
            if (keys.countByWorkspaceId(workspaceId) >= MAX_KEYS_PER_WORKSPACE) {
                throw new IllegalArgumentException("a workspace can have at most " + MAX_KEYS_PER_WORKSPACE
                        + " knowledge API keys; revoke one before creating another");
            }
            String token = ApiKeyTokens.newToken(ApiKeyTokens.DATASET_PREFIX);
            DatasetApiKey key = keys.save(new DatasetApiKey(workspaceId, ApiKeyTokens.hash(token),
                    ApiKeyTokens.hint(ApiKeyTokens.DATASET_PREFIX, token), createdBy));
            return new CreatedDatasetApiKey(DatasetApiKeyView.of(key), token);
        });
    }

    /** The workspace's keys, oldest first. */
    public List<DatasetApiKeyView> list(String workspaceId) {
        return keys.findByWorkspaceIdOrderByCreatedAtAsc(workspaceId).stream().map(DatasetApiKeyView::of).toList();
    }

    /** Deletes the key; false when the workspace has no key with this id. It stops working at once. */
    public boolean revoke(String workspaceId, String keyId) {
        Boolean deleted = transaction.execute(status -> keys.findById(keyId)
                .filter(k -> k.getWorkspaceId().equals(workspaceId))
                .map(k -> {
                    keys.delete(k);
                    return true;
                })
                .orElse(false));
        byHash.values().removeIf(c -> c.owner().keyId().equals(keyId));
        lastWritten.remove(keyId);
        return Boolean.TRUE.equals(deleted);
    }

    /** The owner of a presented key ({@code dataset-…}), if it is a live key; notes its use. */
    public Optional<KeyOwner> authenticate(String token) {
        if (token == null || !token.startsWith(ApiKeyTokens.DATASET_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        String hash = ApiKeyTokens.hash(token);
        long now = System.nanoTime();
        Cached cached = byHash.get(hash);
        KeyOwner owner;
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            owner = cached.owner();
        } else {
            owner = keys.findByTokenHash(hash)
                    .map(k -> new KeyOwner(k.getId(), k.getWorkspaceId(), k.getCreatedBy()))
                    .orElse(null);
            if (owner == null) {
                byHash.remove(hash);
                return Optional.empty();
            }
            byHash.put(hash, new Cached(owner, now + AppApiKeyService.CACHE_TTL.toNanos()));
        }
        noteUse(owner.keyId());
        return Optional.of(owner);
    }

    private void noteUse(String keyId) {
        Instant at = Instant.now();
        Instant last = lastWritten.get(keyId);
        if (last != null && last.plus(LAST_USED_RESOLUTION).isAfter(at)) {
            return;
        }
        lastWritten.put(keyId, at);
        try {
            transaction.executeWithoutResult(status -> keys.touch(keyId, at));
        } catch (RuntimeException e) {
            log.warn("could not record the last use of knowledge API key {}: {}", keyId, e.toString());
        }
    }
}
