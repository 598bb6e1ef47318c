package dev.weft.api.console;

import dev.weft.publish.key.AppApiKeyService;
import dev.weft.publish.key.CreatedApiKey;
import dev.weft.publish.settings.PublishSettings;
import dev.weft.publish.settings.PublishSettingsService;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.publish.openapi.AppOpenApiDocument;
import dev.weft.publish.site.AppSite;
import dev.weft.publish.site.AppSiteService;
import dev.weft.publish.site.EmbedSnippet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * An app's Service API access: its keys (create, shown once; list; revoke) and its publishing settings
 * (API on or off, requests per minute per key, concurrent runs, CORS origins).
 */
@RestController
@RequestMapping("/api/apps/{appId}")
class AppApiAccessController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SettingsBody(Boolean enableApi, Integer requestsPerMinute, Integer maxConcurrentRuns, List<String> corsOrigins) {

        static SettingsBody of(PublishSettings s) {
            return new SettingsBody(s.apiEnabled(), s.requestsPerMinute(), s.maxConcurrentRuns(), s.corsOrigins());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SiteBody(String token, Boolean enabled, String chatUrl, String embedScript) {}

    private final AppApiKeyService keys;
    private final PublishSettingsService settings;
    private final ConsoleWorkspace caller;
    private final AppService apps;
    private final AppSiteService sites;

    AppApiAccessController(AppApiKeyService keys, PublishSettingsService settings, ConsoleWorkspace caller, AppService apps,
            AppSiteService sites) {
        this.keys = keys;
        this.settings = settings;
        this.caller = caller;
        this.apps = apps;
        this.sites = sites;
    }

    /** The app's public web app: its token, chat page URL and the widget snippet. */
    @GetMapping("/site")
    SiteBody site(@PathVariable String appId, HttpServletRequest request) {
        caller.app(appId);
        return siteBody(sites.site(appId), request);
    }

    /** {@code {"enabled": false}} switches the web app off. */
    @PutMapping("/site")
    SiteBody updateSite(@PathVariable String appId, @RequestBody SiteBody body, HttpServletRequest request) {
        caller.app(appId);
        AppSite site = body.enabled() == null ? sites.site(appId) : sites.enable(appId, body.enabled());
        return siteBody(site, request);
    }

    /** A new token: the old chat links and widget snippets stop working. */
    @PostMapping("/site/regenerate")
    SiteBody regenerate(@PathVariable String appId, HttpServletRequest request) {
        caller.app(appId);
        return siteBody(sites.regenerate(appId), request);
    }

    private static SiteBody siteBody(AppSite site, HttpServletRequest request) {
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        return new SiteBody(site.getToken(), site.isEnabled(), base + "/chat/" + site.getToken(), EmbedSnippet.of(base, site.getToken()));
    }

    /** The app's OpenAPI document, as a download named after the app. */
    @GetMapping("/openapi.json")
    ResponseEntity<Map<String, Object>> openApi(@PathVariable String appId, HttpServletRequest request) {
        App app = caller.app(appId);
        AppVersion served = apps.latestPublished(appId).orElseGet(() -> apps.draftVersion(appId));
        String base = ServletUriComponentsBuilder.fromContextPath(request).path("/v1").build().toUriString();
        String file = app.getName().replaceAll("[^A-Za-z0-9._-]+", "-") + "-openapi.json";
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .body(AppOpenApiDocument.of(app, apps.definitionOf(served), base));
    }

    @GetMapping("/api-keys")
    ListResponse<ApiKeyResponse> list(@PathVariable String appId) {
        caller.app(appId);
        return new ListResponse<>(keys.list(appId).stream().map(k -> ApiKeyResponse.of(k, "app", null)).toList());
    }

    /** 201 with the whole secret in {@code token}; later lists show only its hint. */
    @PostMapping("/api-keys")
    ResponseEntity<ApiKeyResponse> create(@PathVariable String appId) {
        caller.app(appId);
        CreatedApiKey created = keys.create(appId, caller.account().getId());
        return ResponseEntity.status(HttpStatus.CREATED).body(ApiKeyResponse.of(created.key(), "app", created.token()));
    }

    @DeleteMapping("/api-keys/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String appId, @PathVariable String keyId) {
        caller.app(appId);
        if (!keys.revoke(appId, keyId)) {
            throw new NotFoundException("app '" + appId + "' has no API key with id '" + keyId + "'");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/publish-settings")
    SettingsBody getSettings(@PathVariable String appId) {
        caller.app(appId);
        return SettingsBody.of(settings.get(appId));
    }

    /** Fields left out keep their value. */
    @PutMapping("/publish-settings")
    SettingsBody putSettings(@PathVariable String appId, @RequestBody SettingsBody body) {
        caller.app(appId);
        PublishSettings now = settings.get(appId);
        PublishSettings next = new PublishSettings(
                body.enableApi() == null ? now.apiEnabled() : body.enableApi(),
                body.requestsPerMinute() == null ? now.requestsPerMinute() : body.requestsPerMinute(),
                body.maxConcurrentRuns() == null ? now.maxConcurrentRuns() : body.maxConcurrentRuns(),
                body.corsOrigins() == null ? now.corsOrigins() : body.corsOrigins());
        return SettingsBody.of(settings.update(appId, next));
    }
}
