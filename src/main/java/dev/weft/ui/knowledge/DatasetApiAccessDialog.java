package dev.weft.ui.knowledge;

import dev.weft.publish.key.DatasetApiKeyService;
import dev.weft.publish.key.DatasetApiKeyView;
import dev.weft.security.Account;
import dev.weft.ui.publish.KeyAccessDialog;

/**
 * The workspace's Knowledge API access: the base URL and its dataset keys (a new key's secret is shown once, to
 * copy), with revoking. Opened from the knowledge list by workspace owners and admins.
 */
class DatasetApiAccessDialog extends KeyAccessDialog<DatasetApiKeyView> {

    DatasetApiAccessDialog(DatasetApiKeyService keys, Account admin) {
        super(new Texts("Knowledge API access", "44rem", "Knowledge API base URL",
                        "Call /v1/datasets with the header Authorization: Bearer dataset-…. A key reaches every knowledge "
                                + "base of this workspace; Dify's Knowledge API scripts and SDKs work unchanged.",
                        "new-dataset-api-key"),
                new Keys<>(() -> keys.list(admin.getWorkspaceId()),
                        () -> keys.create(admin.getWorkspaceId(), admin.getId()).token(),
                        keyId -> keys.revoke(admin.getWorkspaceId(), keyId),
                        DatasetApiKeyService.MAX_KEYS_PER_WORKSPACE));
    }
}
