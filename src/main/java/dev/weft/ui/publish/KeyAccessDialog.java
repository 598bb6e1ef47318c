package dev.weft.ui.publish;

import com.vaadin.flow.component.Component;
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
import dev.weft.publish.key.ListedApiKey;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * An API's access dialog: its base URL, how to call it, and the keys of one owner (an app, a workspace) with creating
 * (a new key's secret is shown once, to copy) and revoking. Dialogs of one API extend it and may add sections below
 * the keys.
 */
public class KeyAccessDialog<V extends ListedApiKey> extends Dialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /**
     * What the dialog says: its title and width, the base URL field's label, the line on how to call the API, and the
     * element id of the field that shows a new key's secret.
     */
    public record Texts(String title, String width, String baseUrlLabel, String how, String newKeyFieldId) {}

    /**
     * The owner's keys: {@code list} them, {@code create} one (its secret; an {@link IllegalArgumentException}
     * when refused), {@code revoke} one by id, and how many the owner may have at most.
     */
    public record Keys<V>(Supplier<List<V>> list, Supplier<String> create, Consumer<String> revoke, int max) {}

    private final Keys<V> keys;
    private final String newKeyFieldId;
    private final Grid<V> grid = new Grid<>();
    private final Button create = new Button("Create key", VaadinIcon.KEY.create());
    private final VerticalLayout secret = new VerticalLayout();
    private final VerticalLayout content;

    protected KeyAccessDialog(Texts texts, Keys<V> keys) {
        this.keys = keys;
        this.newKeyFieldId = texts.newKeyFieldId();
        setHeaderTitle(texts.title());
        setWidth(texts.width());

        TextField baseUrl = new TextField(texts.baseUrlLabel());
        baseUrl.setValue(baseUrl() + "/v1");
        baseUrl.setReadOnly(true);
        baseUrl.setWidthFull();
        Paragraph how = new Paragraph(texts.how());
        how.getStyle().set("font-size", "var(--lumo-font-size-s)").set("margin", "0");

        grid.addColumn(ListedApiKey::hint).setHeader("Key").setFlexGrow(2);
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

        content = new VerticalLayout(baseUrl, how, keysHeader, secret, grid);
        content.setPadding(false);
        add(content);
        getFooter().add(new Button("Close", e -> close()));
        refresh();
    }

    /** Adds sections below the keys. */
    protected void addSections(Component... sections) {
        content.add(sections);
    }

    /** The server's address as the browser reached it ({@code https://host:port/context}); empty outside a request. */
    protected static String baseUrl() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        if (request == null) {
            return "";
        }
        int port = request.getServerPort();
        boolean defaultPort = port == 80 || port == 443;
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port)
                + request.getContextPath();
    }

    private Button revokeButton(V key) {
        Button b = new Button("Revoke", e -> {
            keys.revoke().accept(key.id());
            secret.setVisible(false);
            refresh();
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        b.setAriaLabel("Revoke key " + key.hint());
        return b;
    }

    private void createKey() {
        try {
            String created = keys.create().get();
            TextField token = new TextField("New key: copy it now, it is not shown again");
            token.setValue(created);
            token.setReadOnly(true);
            token.setWidthFull();
            token.setId(newKeyFieldId);
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
        List<V> list = keys.list().get();
        grid.setItems(list);
        create.setEnabled(list.size() < keys.max());
    }
}
