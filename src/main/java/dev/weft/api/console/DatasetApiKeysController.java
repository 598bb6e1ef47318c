package dev.weft.api.console;

import dev.weft.publish.key.DatasetApiKeyService;
import dev.weft.security.Account;
import dev.weft.security.AccountRole;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's Knowledge API keys ({@code dataset-…}), as Dify's console {@code /datasets/api-keys}: list (hints
 * only), create (the secret is in this response only), revoke. Workspace owners and admins only.
 */
@RestController
@RequestMapping("/api/datasets/api-keys")
class DatasetApiKeysController {

    private final DatasetApiKeyService keys;
    private final ConsoleWorkspace caller;

    DatasetApiKeysController(DatasetApiKeyService keys, ConsoleWorkspace caller) {
        this.keys = keys;
        this.caller = caller;
    }

    @GetMapping
    ListResponse<ApiKeyResponse> list() {
        Account admin = admin();
        return new ListResponse<>(keys.list(admin.getWorkspaceId()).stream().map(k -> ApiKeyResponse.of(k, "dataset", null)).toList());
    }

    @PostMapping
    ResponseEntity<ApiKeyResponse> create() {
        Account admin = admin();
        var created = keys.create(admin.getWorkspaceId(), admin.getId());
        return ResponseEntity.status(HttpStatus.CREATED).body(ApiKeyResponse.of(created.key(), "dataset", created.token()));
    }

    @DeleteMapping("/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String keyId) {
        if (!keys.revoke(admin().getWorkspaceId(), keyId)) {
            throw new NotFoundException("no knowledge API key with id '" + keyId + "' in this workspace");
        }
        return ResponseEntity.noContent().build();
    }

    private Account admin() {
        Account account = caller.account();
        if (account.getRole() != AccountRole.OWNER && account.getRole() != AccountRole.ADMIN) {
            throw new ForbiddenException("only a workspace owner or admin can manage knowledge API keys");
        }
        return account;
    }
}
