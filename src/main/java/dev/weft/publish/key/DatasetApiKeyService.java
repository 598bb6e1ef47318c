package dev.weft.publish.key;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, lists and revokes a workspace's Knowledge API keys (at most {@link #MAX_KEYS_PER_WORKSPACE}, as in Dify)
 * and finds the workspace a presented {@code dataset-…} key opens. Keys live like app keys ({@link ApiKeyKeeper}):
 * hashed secrets, lookups cached for {@link ApiKeyKeeper#CACHE_TTL} (a revoke clears its entry at once); here
 * {@code last_used_at} is written at once, at most once per {@link #LAST_USED_RESOLUTION} per key.
 */
@Service
public class DatasetApiKeyService {

    public static final int MAX_KEYS_PER_WORKSPACE = 10;
    static final Duration LAST_USED_RESOLUTION = Duration.ofSeconds(30);

    /** The key that authenticated a request, its workspace and the account that created it (may be null). */
    public record KeyOwner(String keyId, String workspaceId, String createdBy) {}

    private final ApiKeyKeeper<DatasetApiKey> keeper;

    public DatasetApiKeyService(DatasetApiKeyRepository keys, TransactionTemplate transaction) {
        this.keeper = new ApiKeyKeeper<>(keys, transaction,
                new ApiKeyKeeper.Kind(ApiKeyTokens.DATASET_PREFIX, MAX_KEYS_PER_WORKSPACE, "a workspace", "knowledge API key"),
                DatasetApiKey::new,
                new KeyUseRecorder(keys, transaction, "knowledge API key", Duration.ZERO, LAST_USED_RESOLUTION));
    }

    /** A new key for the workspace; its secret is in the result only. */
    public CreatedDatasetApiKey create(String workspaceId, String createdBy) {
        ApiKeyKeeper.Created<DatasetApiKey> created = keeper.create(workspaceId, createdBy);
        return new CreatedDatasetApiKey(DatasetApiKeyView.of(created.key()), created.token());
    }

    /** The workspace's keys, oldest first. */
    public List<DatasetApiKeyView> list(String workspaceId) {
        return keeper.list(workspaceId).stream().map(DatasetApiKeyView::of).toList();
    }

    /** Deletes the key; false when the workspace has no key with this id. It stops working at once. */
    public boolean revoke(String workspaceId, String keyId) {
        return keeper.revoke(workspaceId, keyId);
    }

    /** The owner of a presented key ({@code dataset-…}), if it is a live key; notes its use. */
    public Optional<KeyOwner> authenticate(String token) {
        return keeper.authenticate(token).map(m -> new KeyOwner(m.keyId(), m.ownerId(), m.createdBy()));
    }
}
