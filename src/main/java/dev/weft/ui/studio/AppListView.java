package dev.weft.ui.studio;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.AppTemplates;
import dev.weft.app.definition.AppMode;
import dev.weft.app.dsl.DifyDslExporter;
import dev.weft.app.dsl.DifyDslImporter;
import dev.weft.engine.graph.GraphValidator;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The Studio: the workspace's apps with search and a type filter. Create one blank or from a template, import a
 * Dify DSL file, and per app open it in the designer, run it ({@link AppRowAction}s), rename, duplicate, export
 * its DSL or delete it.
 */
@Route("")
@PageTitle("Apps")
@PermitAll
public class AppListView extends VerticalLayout {

    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    static final List<AppMode> MODES = List.of(AppMode.CHAT, AppMode.ADVANCED_CHAT, AppMode.WORKFLOW, AppMode.COMPLETION);

    private final AppService apps;
    private final AppTemplates templates;
    private final DifyDslImporter importer;
    private final DifyDslExporter exporter;
    private final GraphValidator validator;
    private final DatasetService datasets;
    private final Account account;
    private final List<AppRowAction> rowActions;
    private final Grid<App> grid = new Grid<>(App.class, false);
    private final VerticalLayout emptyState = new VerticalLayout();
    private final HorizontalLayout toolbar = new HorizontalLayout();
    private final TextField search = new TextField("Search apps");
    private final Select<AppMode> modeFilter = new Select<>();
    private GridListDataView<App> dataView;

    public AppListView(AppService apps, AppTemplates templates, DifyDslImporter importer, DifyDslExporter exporter,
            GraphValidator validator, DatasetService datasets, AccountService accounts,
            ObjectProvider<AppRowAction> rowActions) {
        this.apps = apps;
        this.templates = templates;
        this.importer = importer;
        this.exporter = exporter;
        this.validator = validator;
        this.datasets = datasets;
        this.account = accounts.requireCurrentAccount();
        this.rowActions = rowActions.orderedStream().toList();
        setSizeFull();
        addClassName("weft-page");

        Button create = new Button("Create app", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button fromTemplate = new Button("Create from template", VaadinIcon.MODAL_LIST.create(), e -> openTemplateDialog());
        Button importDsl = new Button("Import DSL", VaadinIcon.UPLOAD.create(), e -> openImportDialog());
        HorizontalLayout buttons = new HorizontalLayout(importDsl, fromTemplate, create);
        H2 title = new H2("Apps");
        title.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(title, buttons);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);

        search.setPlaceholder("Name or description");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("20rem");
        search.addValueChangeListener(e -> applyFilter());
        modeFilter.setLabel("Type");
        modeFilter.setItems(MODES);
        modeFilter.setEmptySelectionAllowed(true);
        modeFilter.setEmptySelectionCaption("All types");
        modeFilter.setItemLabelGenerator(m -> m == null ? "All types" : AppModeLabels.label(m));
        modeFilter.addValueChangeListener(e -> applyFilter());
        toolbar.add(search, modeFilter);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addComponentColumn(this::nameCell).setHeader("Name").setFlexGrow(3)
                .setComparator(a -> a.getName().toLowerCase(Locale.ROOT));
        grid.addColumn(app -> AppModeLabels.label(app.getMode())).setHeader("Type").setSortable(true).setAutoWidth(true);
        grid.addColumn(app -> UPDATED.format(app.getUpdatedAt())).setHeader("Updated").setSortable(true).setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();

        H2 emptyTitle = new H2("No apps yet");
        Paragraph emptyText = new Paragraph("Start from a template (a support chatbot over your knowledge base, document Q&A, "
                + "a summariser, a translation workflow or a classifier router), create a blank app, or import a Dify DSL file.");
        emptyText.getStyle().set("text-align", "center").set("max-width", "42rem");
        Button firstTemplate = new Button("Start from a template", VaadinIcon.MODAL_LIST.create(), e -> openTemplateDialog());
        firstTemplate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button firstBlank = new Button("Create your first app", e -> openCreateDialog());
        emptyState.add(emptyTitle, emptyText, new HorizontalLayout(firstTemplate, firstBlank));
        emptyState.setAlignItems(FlexComponent.Alignment.CENTER);

        add(header, toolbar, emptyState, grid);
        refresh();
    }

    /** The designer's address for an app. */
    static String designerPath(App app) {
        return "apps/" + app.getId() + "/designer";
    }

    private Component nameCell(App app) {
        Anchor name = new Anchor(designerPath(app), app.getName());
        name.addClassName("weft-app-name");
        name.getElement().setAttribute("aria-label", "Open " + app.getName() + " in the designer");
        name.getStyle().set("font-weight", "500");
        Div cell = new Div(name);
        if (app.getDescription() != null && !app.getDescription().isBlank()) {
            Div description = new Div(app.getDescription());
            description.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
            cell.add(description);
        }
        return cell;
    }

    private HorizontalLayout actions(App app) {
        HorizontalLayout row = new HorizontalLayout();
        row.setSpacing(false);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        row.add(small("Open", app, e -> open(app)));
        for (AppRowAction action : rowActions) {
            row.add(small(action.label(), app, e -> action.perform(app)));
        }
        row.add(small("Rename", app, e -> openRenameDialog(app)),
                small("Duplicate", app, e -> guarded(() -> apps.duplicate(app.getId(), account.getId()),
                        "Duplicated " + app.getName())),
                small("Export DSL", app, e -> new DslExportDialog(app, apps, exporter).open()));
        Button delete = small("Delete", app, e -> confirmDelete(app));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        row.add(delete);
        return row;
    }

    /** A row button; its accessible name says which app it acts on ("Run Support bot"), its text stays short. */
    private static Button small(String label, App app, ComponentEventListener<ClickEvent<Button>> onClick) {
        Button b = new Button(label, onClick);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        b.setAriaLabel(label + " " + app.getName());
        return b;
    }

    private void open(App app) {
        getUI().ifPresent(ui -> ui.navigate(designerPath(app)));
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
        Span help = new Span();
        help.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        help.setText(AppModeLabels.description(mode.getValue()));
        mode.addValueChangeListener(e -> help.setText(e.getValue() == null ? "" : AppModeLabels.description(e.getValue())));
        openForm("Create app", "Create", new VerticalLayout(name, mode, help), () ->
                apps.create(account.getWorkspaceId(), name.getValue(), mode.getValue(), null, account.getId()), name);
        name.focus();
    }

    private void openTemplateDialog() {
        new TemplateDialog(templates, datasets.listVisible(account), (template, name, datasetIds) -> {
            App app = apps.createFromTemplate(account.getWorkspaceId(), template.id(), name, datasetIds, account.getId());
            refresh();
            CreatedAppNotice.show(app, validator.validate(apps.draft(app.getId())), apps.draft(app.getId()));
        }).open();
    }

    private void openImportDialog() {
        new DslImportDialog(importer, imported -> {
            App app = apps.createFromDefinition(account.getWorkspaceId(), imported.name(), imported.description(),
                    imported.icon(), imported.definition(), account.getId());
            refresh();
            return app;
        }).open();
    }

    private void openRenameDialog(App app) {
        TextField name = new TextField("Name");
        name.setValue(app.getName());
        name.setRequired(true);
        name.setWidthFull();
        openForm("Rename app", "Rename", new VerticalLayout(name), () -> apps.rename(app.getId(), name.getValue()), name);
        name.focus();
    }

    private void openForm(String title, String confirmLabel, VerticalLayout fields, Runnable onConfirm, TextField nameField) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        fields.setPadding(false);
        fields.setMinWidth("22rem");
        dialog.add(fields);
        Button confirm = new Button(confirmLabel, e -> {
            try {
                onConfirm.run();
            } catch (IllegalArgumentException | IllegalStateException ex) {
                nameField.setErrorMessage(Messages.sentence(ex.getMessage()));
                nameField.setInvalid(true);
                return;
            }
            refresh();
            dialog.close();
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    private void confirmDelete(App app) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + app.getName() + "?",
                "This deletes the app with all its versions, runs and conversations. It cannot be undone. "
                        + "Export its DSL first if you may want it back.",
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
            Notification.show(Messages.sentence(e.getMessage()), 5000, Notification.Position.MIDDLE)
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
        dataView = grid.setItems(list);
        applyFilter();
        grid.setVisible(!list.isEmpty());
        toolbar.setVisible(!list.isEmpty());
        emptyState.setVisible(list.isEmpty());
    }

    private void applyFilter() {
        if (dataView == null) {
            return;
        }
        String q = search.getValue().strip().toLowerCase(Locale.ROOT);
        AppMode mode = modeFilter.getValue();
        dataView.setFilter(app -> (mode == null || app.getMode() == mode)
                && (q.isEmpty() || app.getName().toLowerCase(Locale.ROOT).contains(q)
                        || (app.getDescription() != null && app.getDescription().toLowerCase(Locale.ROOT).contains(q))));
        grid.setEmptyStateText(q.isEmpty() && mode == null ? "Create an app to see it here."
                : "No apps match" + (q.isEmpty() ? "" : " \u201c" + search.getValue().strip() + "\u201d")
                        + (mode == null ? "" : " among " + AppModeLabels.label(mode).toLowerCase(Locale.ROOT) + " apps")
                        + ". Clear the search or choose All types.");
    }
}
