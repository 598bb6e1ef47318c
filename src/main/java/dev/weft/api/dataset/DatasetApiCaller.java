package dev.weft.api.dataset;

import dev.weft.api.service.ServiceApiException;
import dev.weft.publish.auth.DatasetCaller;
import dev.weft.security.Account;
import dev.weft.security.AccountRepository;
import dev.weft.security.AccountRole;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The account a Knowledge API request acts as: the creator of its dataset key (the workspace's owner when that
 * account is gone), with every knowledge base of the workspace in reach ({@link Account#actingForWorkspaceKey()}),
 * so what the request creates is recorded as that account's.
 */
@Component
class DatasetApiCaller {

    private final AccountRepository accounts;

    DatasetApiCaller(AccountRepository accounts) {
        this.accounts = accounts;
    }

    Account account() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof DatasetCaller caller)) {
            throw new ServiceApiException(401, "unauthorized", "Access token is invalid");
        }
        Account acting = caller.keyCreatedBy() == null ? null : accounts.findById(caller.keyCreatedBy())
                .filter(a -> a.getWorkspaceId().equals(caller.workspaceId()))
                .orElse(null);
        if (acting == null) {
            acting = accounts.findFirstByWorkspaceIdAndRoleOrderByCreatedAtAsc(caller.workspaceId(), AccountRole.OWNER)
                    .orElseThrow(() -> new ServiceApiException(403, "forbidden",
                            "the workspace of this key has no owner; create a new key in the console"));
        }
        return acting.actingForWorkspaceKey();
    }
}
