package dev.weft.publish.key;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists and revokes an app's Service API keys ({@code app-…}, at most {@link #MAX_KEYS_PER_APP}) and finds the
 * app a presented key belongs to. Lookups are cached for {@link ApiKeyKeeper#CACHE_TTL} (a revoke clears its entry at
 * once); {@code last_used_at} is written in batches every {@link #LAST_USED_FLUSH}, as Dify does.
 */
@Service
public class AppApiKeyService {

    public static final int MAX_KEYS_PER_APP = 10;
    static final Duration LAST_USED_FLUSH = Duration.ofSeconds(5);

    /** The key that authenticated a request and the app it opens. */
    public record KeyOwner(String keyId, String appId) {}

    private final ApiKeyKeeper<AppApiKey> keeper;

    public AppApiKeyService(AppApiKeyRepository keys, TransactionTemplate transaction) {
        this.keeper = new ApiKeyKeeper<>(keys, transaction,
                new ApiKeyKeeper.Kind(ApiKeyTokens.APP_PREFIX, MAX_KEYS_PER_APP, "an app", "API key"), AppApiKey::new,
                new KeyUseRecorder(keys, transaction, "API key", LAST_USED_FLUSH, Duration.ZERO));
    }

    /** A new key for the app; its secret is in the result only. */
    public CreatedApiKey create(String appId, String createdBy) {
        ApiKeyKeeper.Created<AppApiKey> created = keeper.create(appId, createdBy);
        return new CreatedApiKey(ApiKeyView.of(created.key()), created.token());
    }

    /** The app's keys, oldest first, with pending last-used times written first. */
    public List<ApiKeyView> list(String appId) {
        return keeper.list(appId).stream().map(ApiKeyView::of).toList();
    }

    /** Deletes the key; false when the app has no key with this id. It stops working at once. */
    public boolean revoke(String appId, String keyId) {
        return keeper.revoke(appId, keyId);
    }

    /** The owner of a presented key ({@code app-…}), if it is a live key; notes its use. */
    public Optional<KeyOwner> authenticate(String token) {
        return keeper.authenticate(token).map(m -> new KeyOwner(m.keyId(), m.ownerId()));
    }

    /** Forgets cached lookups of the app's keys (after the app is deleted, for example). */
    public void forgetApp(String appId) {
        keeper.forgetOwner(appId);
    }

    void flushLastUsed() {
        keeper.flushUses();
    }

    @PreDestroy
    void stop() {
        keeper.stop();
    }
}
