package dev.weft.api.console;

import dev.weft.app.App;
import dev.weft.app.AppNotFoundException;
import dev.weft.app.AppService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import org.springframework.stereotype.Component;

/**
 * The caller of a console API request: the signed-in account and its workspace. Apps of other workspaces
 * look to the caller as if they did not exist.
 */
@Component
class ConsoleWorkspace {

    private final AccountService accounts;
    private final AppService apps;

    ConsoleWorkspace(AccountService accounts, AppService apps) {
        this.accounts = accounts;
        this.apps = apps;
    }

    Account account() {
        return accounts.requireCurrentAccount();
    }

    String workspaceId() {
        return account().getWorkspaceId();
    }

    /** The caller's app with this id. @throws AppNotFoundException when there is none */
    App app(String appId) {
        App app = apps.find(appId).orElseThrow(() -> new AppNotFoundException("no app with id '" + appId + "'"));
        if (!app.getWorkspaceId().equals(workspaceId())) {
            throw new AppNotFoundException("no app with id '" + appId + "'");
        }
        return app;
    }
}
