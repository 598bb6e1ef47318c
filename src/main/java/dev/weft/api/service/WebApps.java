package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.publish.settings.PublishSettingsService;
import dev.weft.publish.site.AppSite;
import dev.weft.publish.site.AppSiteService;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What a web app request stands on: the app its share token opens (while its site is on; else 404), the Service API
 * caller its runs count as (the app's run limits apply), and the end user, the browser's own random id, kept apart
 * from Service API users by a {@code web:} prefix.
 */
@Component
class WebApps {

    static final String USER_PREFIX = "web:";

    /** An open web app: its app and the caller its requests act as. */
    record WebApp(App app, ServiceCaller caller) {

        String appId() {
            return app.getId();
        }
    }

    private final AppSiteService sites;
    private final AppService apps;
    private final PublishSettingsService settings;

    WebApps(AppSiteService sites, AppService apps, PublishSettingsService settings) {
        this.sites = sites;
        this.apps = apps;
        this.settings = settings;
    }

    WebApp open(String token) {
        AppSite site = sites.open(token).orElseThrow(() -> ServiceApiException.notFound("no web app here, or it is switched off"));
        App app = apps.find(site.getAppId()).orElseThrow(() -> ServiceApiException.notFound("no web app here"));
        return new WebApp(app, new ServiceCaller(app.getId(), "site:" + token, settings.get(app.getId())));
    }

    /** The end user of a web app request: {@code web:} and the UUID the browser made and keeps; else 400. */
    static String user(String user) {
        if (user == null) {
            throw ServiceApiException.invalid("user is required");
        }
        try {
            UUID.fromString(user);
        } catch (IllegalArgumentException e) {
            throw ServiceApiException.invalid("user must be the browser's end-user id (a UUID)");
        }
        return USER_PREFIX + user;
    }
}
