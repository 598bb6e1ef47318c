package dev.weft.ui.publish;

import dev.weft.app.App;
import dev.weft.publish.key.AppApiKeyService;
import dev.weft.publish.settings.PublishSettingsService;
import dev.weft.publish.site.AppSiteService;
import dev.weft.security.AccountService;
import dev.weft.ui.studio.AppRowAction;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The app list's "API access" button: opens the {@link ApiAccessDialog} of the app. */
@Component
@Order(50)
class ApiAccessRowAction implements AppRowAction {

    private final AppApiKeyService keys;
    private final PublishSettingsService settings;
    private final AppSiteService sites;
    private final AccountService accounts;

    ApiAccessRowAction(AppApiKeyService keys, PublishSettingsService settings, AppSiteService sites, AccountService accounts) {
        this.keys = keys;
        this.settings = settings;
        this.sites = sites;
        this.accounts = accounts;
    }

    @Override
    public String label() {
        return "API access";
    }

    @Override
    public void perform(App app) {
        new ApiAccessDialog(app, keys, settings, sites, accounts.requireCurrentAccount().getId()).open();
    }
}
