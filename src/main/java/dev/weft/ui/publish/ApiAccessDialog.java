package dev.weft.ui.publish;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import dev.weft.app.App;
import dev.weft.publish.key.ApiKeyView;
import dev.weft.publish.key.AppApiKeyService;
import dev.weft.publish.settings.PublishSettings;
import dev.weft.publish.settings.PublishSettingsService;
import dev.weft.publish.site.AppSite;
import dev.weft.publish.site.AppSiteService;
import dev.weft.publish.site.EmbedSnippet;
import java.util.Arrays;

/**
 * An app's Service API access: the base URL, its keys (a new key's secret is shown once, to copy), revoking
 * keys, and the publishing settings (API on or off, limits, CORS origins).
 */
class ApiAccessDialog extends KeyAccessDialog<ApiKeyView> {

    private final App app;
    private final PublishSettingsService settings;
    private final AppSiteService sites;

    ApiAccessDialog(App app, AppApiKeyService keys, PublishSettingsService settings, AppSiteService sites, String accountId) {
        super(new Texts("API access and web app: " + app.getName(), "48rem", "Service API base URL",
                        "Call it with the header Authorization: Bearer <key>. Dify clients and SDKs work unchanged; "
                                + "OpenAI clients use the same base URL with /chat/completions.",
                        "new-api-key"),
                new Keys<>(() -> keys.list(app.getId()), () -> keys.create(app.getId(), accountId).token(),
                        keyId -> keys.revoke(app.getId(), keyId), AppApiKeyService.MAX_KEYS_PER_APP));
        this.app = app;
        this.settings = settings;
        this.sites = sites;

        Anchor openApi = new Anchor("/api/apps/" + app.getId() + "/openapi.json", "Download the OpenAPI document");
        openApi.getElement().setAttribute("download", true);
        addSections(settingsForm(), openApi, webApp());
    }

    private VerticalLayout settingsForm() {
        PublishSettings s = settings.get(app.getId());
        Checkbox enabled = new Checkbox("Service API enabled", s.apiEnabled());
        IntegerField perMinute = new IntegerField("Requests per minute, per key");
        perMinute.setHelperText("0: no limit");
        perMinute.setValue(s.requestsPerMinute());
        perMinute.setMin(0);
        perMinute.setStepButtonsVisible(true);
        IntegerField concurrent = new IntegerField("Concurrent runs");
        concurrent.setHelperText("0: no limit");
        concurrent.setValue(s.maxConcurrentRuns());
        concurrent.setMin(0);
        concurrent.setStepButtonsVisible(true);
        TextArea origins = new TextArea("Browser origins allowed (CORS), one per line");
        origins.setPlaceholder("https://www.example.com");
        origins.setValue(String.join("\n", s.corsOrigins()));
        origins.setWidthFull();
        Button save = new Button("Save settings", e -> {
            try {
                settings.update(app.getId(), new PublishSettings(enabled.getValue(),
                        perMinute.getValue() == null ? 0 : perMinute.getValue(),
                        concurrent.getValue() == null ? 0 : concurrent.getValue(),
                        Arrays.stream(origins.getValue().split("\\R")).toList()));
                Notification.show("Saved", 2000, Notification.Position.BOTTOM_START);
            } catch (IllegalArgumentException ex) {
                Notification.show(ex.getMessage(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout limits = new HorizontalLayout(perMinute, concurrent);
        limits.setWidthFull();
        VerticalLayout form = new VerticalLayout(new H4("Settings"), enabled, limits, origins, save);
        form.setPadding(false);
        form.setSpacing(false);
        return form;
    }

    /** The public chat page: its link, on or off, a new link, and the widget snippet for other sites. */
    private VerticalLayout webApp() {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        box.setSpacing(false);
        Runnable[] render = new Runnable[1];
        render[0] = () -> {
            AppSite site = sites.site(app.getId());
            Anchor link = new Anchor(baseUrl() + "/chat/" + site.getToken(), baseUrl() + "/chat/" + site.getToken());
            link.setTarget("_blank");
            Checkbox enabled = new Checkbox("Web app enabled", site.isEnabled());
            enabled.addValueChangeListener(e -> sites.enable(app.getId(), e.getValue()));
            Button regenerate = new Button("New link", e -> {
                sites.regenerate(app.getId());
                render[0].run();
            });
            regenerate.addThemeVariants(ButtonVariant.LUMO_SMALL);
            TextArea snippet = new TextArea("Chat bubble for your site: paste before </body>");
            snippet.setValue(EmbedSnippet.of(baseUrl(), site.getToken()));
            snippet.setReadOnly(true);
            snippet.setWidthFull();
            HorizontalLayout row = new HorizontalLayout(enabled, regenerate);
            row.setAlignItems(FlexComponent.Alignment.BASELINE);
            box.removeAll();
            box.add(new H4("Web app"), link, row, snippet);
        };
        render[0].run();
        return box;
    }
}
