package dev.weft.ui.studio;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;

/** The workspace's apps: create, rename, duplicate and delete them, plus the {@link AppRowAction}s. */
@Route("")
@PageTitle("Apps")
@PermitAll
public class AppListView extends VerticalLayout {

    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final List<AppMode> MODES = List.of(AppMode.CHAT, AppMode.ADVANCED_CHAT, AppMode.WORKFLOW, AppMode.COMPLETION);

    private final AppService apps;
    private final Account account;
    private final List<AppRowAction> rowActions;
    private final Grid<App> grid = new Grid<>(App.class, false);
    private final VerticalLayout emptyState = new VerticalLayout();

    public AppListView(AppService apps, AccountService accounts, ObjectProvider<AppRowAction> rowActions) {
        this.apps = apps;
        this.account = accounts.requireCurrentAccount();
        this.rowActions = rowActions.orderedStream().toList();
        setSizeFull();

        Button create = new Button("Create app", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Apps"), create);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);

        grid.addColumn(App::getName).setHeader("Name").setFlexGrow(2).setSortable(true);
        grid.addColumn(app -> AppModeLabels.label(app.getMode())).setHeader("Type").setSortable(true);
        grid.addColumn(app -> UPDATED.format(app.getUpdatedAt())).setHeader("Updated").setSortable(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();

        emptyState.add(new H2("No apps yet"),
                new Paragraph("Create your first app: a chatbot, a chatflow, a workflow or a text generator."),
                new Button("Create your first app", e -> openCreateDialog()));
        emptyState.setAlignItems(FlexComponent.Alignment.CENTER);

        add(header, emptyState, grid);
        refresh();
    }

    private HorizontalLayout actions(App app) {
        HorizontalLayout row = new HorizontalLayout();
        row.setSpacing(false);
        for (AppRowAction action : rowActions) {
            row.add(small(action.label(), app, e -> action.perform(app)));
        }
        row.add(small("Rename", app, e -> openRenameDialog(app)),
                small("Duplicate", app, e -> guarded(() -> apps.duplicate(app.getId(), account.getId()),
                        "Duplicated " + app.getName())),
                small("Delete", app, e -> confirmDelete(app)));
        return row;
    }

    /** A row button; its accessible name says which app it acts on ("Run Support bot"), its text stays short. */
    private static Button small(String label, App app, ComponentEventListener<ClickEvent<Button>> onClick) {
        Button b = new Button(label, onClick);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        b.setAriaLabel(label + " " + app.getName());
        return b;
    }

    private void openCreateDialog() {
        TextField name = new TextField("Name");
        name.setRequired(true);
        name.setWidthFull();
        Select<AppMode> mode = new Select<>();
        mode.setLabel("Type");
        mode.setItems(MODES);
        mode.setItemLabelGenerator(AppModeLabels::label);
        mode.setValue(AppMode.ADVANCED_CHAT);
        mode.setWidthFull();
        openForm("Create app", "Create", new VerticalLayout(name, mode), () ->
                apps.create(account.getWorkspaceId(), name.getValue(), mode.getValue(), null, account.getId()));
        name.focus();
    }

    private void openRenameDialog(App app) {
        TextField name = new TextField("Name");
        name.setValue(app.getName());
        name.setRequired(true);
        name.setWidthFull();
        openForm("Rename app", "Rename", new VerticalLayout(name), () -> apps.rename(app.getId(), name.getValue()));
        name.focus();
    }

    private void openForm(String title, String confirmLabel, VerticalLayout fields, Runnable onConfirm) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        fields.setPadding(false);
        fields.setMinWidth("20rem");
        dialog.add(fields);
        Button confirm = new Button(confirmLabel, e -> {
            if (guarded(onConfirm, null)) {
                dialog.close();
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void confirmDelete(App app) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + app.getName() + "?",
                "This deletes the app with all its versions, runs and conversations. It cannot be undone.",
                "Delete", e -> guarded(() -> apps.delete(app.getId()), "Deleted " + app.getName()));
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    /** Runs an action, shows its error message if it fails, refreshes the list; true when it worked. */
    private boolean guarded(Runnable action, String successMessage) {
        try {
            action.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            Notification.show(e.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return false;
        }
        if (successMessage != null) {
            Notification.show(successMessage, 2500, Notification.Position.BOTTOM_START);
        }
        refresh();
        return true;
    }

    private void refresh() {
        List<App> list = apps.list(account.getWorkspaceId());
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        emptyState.setVisible(list.isEmpty());
    }
}
