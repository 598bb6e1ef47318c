package dev.weft.ui.publish;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.weft.app.App;
import dev.weft.publish.key.ApiKeyView;
import dev.weft.publish.key.AppApiKeyService;
import dev.weft.publish.key.CreatedApiKey;
import dev.weft.publish.settings.PublishSettings;
import dev.weft.publish.settings.PublishSettingsService;
import dev.weft.publish.site.AppSite;
import dev.weft.publish.site.AppSiteService;
import dev.weft.publish.site.EmbedSnippet;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * An app's Service API access: the base URL, its keys (a new key's secret is shown once, to copy), revoking
 * keys, and the publishing settings (API on or off, limits, CORS origins).
 */
class ApiAccessDialog extends Dialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final App app;
    private final AppApiKeyService keys;
    private final PublishSettingsService settings;
    private final AppSiteService sites;
    private final String accountId;
    private final Grid<ApiKeyView> grid = new Grid<>(ApiKeyView.class, false);
    private final Button create = new Button("Create key", VaadinIcon.KEY.create());
    private final VerticalLayout secret = new VerticalLayout();

    ApiAccessDialog(App app, AppApiKeyService keys, PublishSettingsService settings, AppSiteService sites, String accountId) {
        this.app = app;
        this.keys = keys;
        this.settings = settings;
        this.sites = sites;
        this.accountId = accountId;
        setHeaderTitle("API access and web app: " + app.getName());
        setWidth("48rem");

        TextField baseUrl = new TextField("Service API base URL");
        baseUrl.setValue(baseUrl() + "/v1");
        baseUrl.setReadOnly(true);
        baseUrl.setWidthFull();
        Paragraph how = new Paragraph("Call it with the header Authorization: Bearer <key>. Dify clients and SDKs work "
                + "unchanged; OpenAI clients use the same base URL with /chat/completions.");
        how.getStyle().set("font-size", "var(--lumo-font-size-s)").set("margin", "0");

        grid.addColumn(ApiKeyView::hint).setHeader("Key").setFlexGrow(2);
        grid.addColumn(k -> TIME.format(k.createdAt())).setHeader("Created");
        grid.addColumn(k -> k.lastUsedAt() == null ? "never" : TIME.format(k.lastUsedAt())).setHeader("Last used");
        grid.addComponentColumn(this::revokeButton).setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT);
        grid.setAllRowsVisible(true);

        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        create.addClickListener(e -> createKey());
        secret.setPadding(false);
        secret.setVisible(false);

        HorizontalLayout keysHeader = new HorizontalLayout(new H4("Keys"), create);
        keysHeader.setWidthFull();
        keysHeader.setAlignItems(FlexComponent.Alignment.BASELINE);
        keysHeader.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);

        Anchor openApi = new Anchor("/api/apps/" + app.getId() + "/openapi.json", "Download the OpenAPI document");
        openApi.getElement().setAttribute("download", true);

        VerticalLayout content = new VerticalLayout(baseUrl, how, keysHeader, secret, grid, settingsForm(), openApi, webApp());
        content.setPadding(false);
        add(content);
        getFooter().add(new Button("Close", e -> close()));
        refresh();
    }

    private VerticalLayout settingsForm() {
        PublishSettings s = settings.get(app.getId());
        Checkbox enabled = new Checkbox("Service API enabled", s.apiEnabled());
        IntegerField perMinute = new IntegerField("Requests per minute per key (0: no limit)");
        perMinute.setValue(s.requestsPerMinute());
        perMinute.setMin(0);
        perMinute.setStepButtonsVisible(true);
        IntegerField concurrent = new IntegerField("Concurrent runs (0: no limit)");
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

    private Button revokeButton(ApiKeyView key) {
        Button b = new Button("Revoke", e -> {
            keys.revoke(app.getId(), key.id());
            secret.setVisible(false);
            refresh();
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        b.setAriaLabel("Revoke key " + key.hint());
        return b;
    }

    private void createKey() {
        try {
            CreatedApiKey created = keys.create(app.getId(), accountId);
            TextField token = new TextField("New key: copy it now, it is not shown again");
            token.setValue(created.token());
            token.setReadOnly(true);
            token.setWidthFull();
            token.setId("new-api-key");
            secret.removeAll();
            secret.add(token);
            secret.setVisible(true);
        } catch (IllegalArgumentException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void refresh() {
        List<ApiKeyView> list = keys.list(app.getId());
        grid.setItems(list);
        create.setEnabled(list.size() < AppApiKeyService.MAX_KEYS_PER_APP);
    }

    private static String baseUrl() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        if (request == null) {
            return "";
        }
        int port = request.getServerPort();
        boolean defaultPort = port == 80 || port == 443;
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port)
                + request.getContextPath();
    }
}
