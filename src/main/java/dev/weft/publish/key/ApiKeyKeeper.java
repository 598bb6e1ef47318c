package dev.weft.publish.key;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of one kind of API key, the same for app keys and dataset keys: at most {@link Kind#maxPerOwner()} keys per
 * owner, secrets made by {@link ApiKeyTokens} with the kind's prefix and stored as SHA-256, revoking, and finding the key
 * a presented secret belongs to. Lookups are cached for {@link #CACHE_TTL} (a revoke clears its entry at once); each use
 * goes to the kind's {@link KeyUseRecorder}.
 */
final class ApiKeyKeeper<K extends StoredApiKey> {

    static final Duration CACHE_TTL = Duration.ofSeconds(30);
    private static final int MAX_TOKEN_LENGTH = 200;

    /**
     * A kind of key: its secret's prefix, how many one owner may have, and how messages name an owner ("an app") and
     * a key ("API key").
     */
    record Kind(String prefix, int maxPerOwner, String owner, String noun) {}

    /** Makes the row of a new key. */
    @FunctionalInterface
    interface Factory<K> {
        K make(String ownerId, String tokenHash, String tokenHint, String createdBy);
    }

    /** The key a presented secret opened: its id, its owner and the account that created it (may be null). */
    record Match(String keyId, String ownerId, String createdBy) {}

    /** A key just made and its secret, which is not kept. */
    record Created<K>(K key, String token) {}

    private record Cached(Match match, long expiresAtNanos) {}

    private final ApiKeyRepository<K> keys;
    private final TransactionTemplate transaction;
    private final Kind kind;
    private final Factory<K> factory;
    private final KeyUseRecorder uses;
    private final Map<String, Cached> byHash = new ConcurrentHashMap<>();

    ApiKeyKeeper(ApiKeyRepository<K> keys, TransactionTemplate transaction, Kind kind, Factory<K> factory, KeyUseRecorder uses) {
        this.keys = keys;
        this.transaction = transaction;
        this.kind = kind;
        this.factory = factory;
        this.uses = uses;
    }

    /** A new key of the owner; its secret is in the result only. */
    Created<K> create(String ownerId, String createdBy) {
        return transaction.execute(status -> {
            if (keys.countByOwnerId(ownerId) >= kind.maxPerOwner()) {
                throw new IllegalArgumentException(kind.owner() + " can have at most " + kind.maxPerOwner() + " "
                        + kind.noun() + "s; revoke one before creating another");
            }
            String token = ApiKeyTokens.newToken(kind.prefix());
            K key = keys.save(factory.make(ownerId, ApiKeyTokens.hash(token), ApiKeyTokens.hint(kind.prefix(), token), createdBy));
            return new Created<>(key, token);
        });
    }

    /** The owner's keys, oldest first, with pending last-used times written first. */
    List<K> list(String ownerId) {
        uses.flush();
        return keys.findByOwnerIdOrderByCreatedAtAsc(ownerId);
    }

    /** Deletes the key; false when the owner has no key with this id. It stops working at once. */
    boolean revoke(String ownerId, String keyId) {
        Boolean deleted = transaction.execute(status -> keys.findById(keyId)
                .filter(k -> k.getOwnerId().equals(ownerId))
                .map(k -> {
                    keys.delete(k);
                    return true;
                })
                .orElse(false));
        byHash.values().removeIf(c -> c.match().keyId().equals(keyId));
        uses.forget(keyId);
        return Boolean.TRUE.equals(deleted);
    }

    /** The key of a presented secret, if it is a live key of this kind; notes its use. */
    Optional<Match> authenticate(String token) {
        if (token == null || !token.startsWith(kind.prefix()) || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String hash = ApiKeyTokens.hash(token);
        long now = System.nanoTime();
        Cached cached = byHash.get(hash);
        Match match;
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            match = cached.match();
        } else {
            match = keys.findByTokenHash(hash).map(k -> new Match(k.getId(), k.getOwnerId(), k.getCreatedBy())).orElse(null);
            if (match == null) {
                byHash.remove(hash);
                return Optional.empty();
            }
            byHash.put(hash, new Cached(match, now + CACHE_TTL.toNanos()));
        }
        uses.note(match.keyId());
        return Optional.of(match);
    }

    /** Forgets cached lookups of the owner's keys (after the owner is deleted, for example). */
    void forgetOwner(String ownerId) {
        byHash.values().removeIf(c -> c.match().ownerId().equals(ownerId));
    }

    /** Writes pending last-used times now. */
    void flushUses() {
        uses.flush();
    }

    /** Stops writing last-used times in the background, after writing what is pending. */
    void stop() {
        uses.stop();
    }
}
