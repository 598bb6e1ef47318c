package dev.weft.ui.knowledge;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.VaadinServletRequest;
import dev.weft.publish.key.CreatedDatasetApiKey;
import dev.weft.publish.key.DatasetApiKeyService;
import dev.weft.publish.key.DatasetApiKeyView;
import dev.weft.security.Account;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The workspace's Knowledge API access: the base URL and its dataset keys (a new key's secret is shown once, to
 * copy), with revoking. Opened from the knowledge list by workspace owners and admins.
 */
class DatasetApiAccessDialog extends Dialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final DatasetApiKeyService keys;
    private final Account admin;
    private final Grid<DatasetApiKeyView> grid = new Grid<>(DatasetApiKeyView.class, false);
    private final Button create = new Button("Create key", VaadinIcon.KEY.create());
    private final VerticalLayout secret = new VerticalLayout();

    DatasetApiAccessDialog(DatasetApiKeyService keys, Account admin) {
        this.keys = keys;
        this.admin = admin;
        setHeaderTitle("Knowledge API access");
        setWidth("44rem");

        TextField baseUrl = new TextField("Knowledge API base URL");
        baseUrl.setValue(baseUrl() + "/v1");
        baseUrl.setReadOnly(true);
        baseUrl.setWidthFull();
        Paragraph how = new Paragraph("Call /v1/datasets with the header Authorization: Bearer dataset-…. A key reaches "
                + "every knowledge base of this workspace; Dify's Knowledge API scripts and SDKs work unchanged.");
        how.getStyle().set("font-size", "var(--lumo-font-size-s)").set("margin", "0");

        grid.addColumn(DatasetApiKeyView::hint).setHeader("Key").setFlexGrow(2);
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

        VerticalLayout content = new VerticalLayout(baseUrl, how, keysHeader, secret, grid);
        content.setPadding(false);
        add(content);
        getFooter().add(new Button("Close", e -> close()));
        refresh();
    }

    private Button revokeButton(DatasetApiKeyView key) {
        Button b = new Button("Revoke", e -> {
            keys.revoke(admin.getWorkspaceId(), key.id());
            secret.setVisible(false);
            refresh();
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        b.setAriaLabel("Revoke key " + key.hint());
        return b;
    }

    private void createKey() {
        try {
            CreatedDatasetApiKey created = keys.create(admin.getWorkspaceId(), admin.getId());
            TextField token = new TextField("New key: copy it now, it is not shown again");
            token.setValue(created.token());
            token.setReadOnly(true);
            token.setWidthFull();
            token.setId("new-dataset-api-key");
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
        List<DatasetApiKeyView> list = keys.list(admin.getWorkspaceId());
        grid.setItems(list);
        create.setEnabled(list.size() < DatasetApiKeyService.MAX_KEYS_PER_WORKSPACE);
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
