package dev.weft.ui.run;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.run.AppRunService;
import dev.weft.security.AccountService;
import dev.weft.ui.studio.AppRowAction;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The app list's "Run" button: opens a {@link RunDialog} on the app's draft. */
@Component
@Order(0)
class RunAppAction implements AppRowAction {

    private final AppService apps;
    private final AppRunService runs;
    private final AccountService accounts;

    RunAppAction(AppService apps, AppRunService runs, AccountService accounts) {
        this.apps = apps;
        this.runs = runs;
        this.accounts = accounts;
    }

    @Override
    public String label() {
        return "Run";
    }

    @Override
    public void perform(App app) {
        new RunDialog(app, apps.draft(app.getId()), runs, accounts.requireCurrentAccount().getId()).open();
    }
}
