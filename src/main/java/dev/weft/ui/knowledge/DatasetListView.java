package dev.weft.ui.knowledge;

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
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocumentRepository;
import dev.weft.knowledge.dataset.DatasetPermission;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.model.defaults.DefaultModelService;
import dev.weft.publish.key.DatasetApiKeyService;
import dev.weft.security.Account;
import dev.weft.security.AccountRole;
import dev.weft.security.AccountService;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The knowledge bases the user may use: create, open, delete. */
@Route("knowledge")
@PageTitle("Knowledge")
@PermitAll
public class DatasetListView extends VerticalLayout {

    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final DatasetService datasets;
    private final DatasetDocumentRepository documents;
    private final EmbeddingModels embeddingModels;
    private final DefaultModelService defaultModels;
    private final Account account;
    private final Grid<Dataset> grid = new Grid<>(Dataset.class, false);
    private final VerticalLayout emptyState = new VerticalLayout();

    public DatasetListView(DatasetService datasets, DatasetDocumentRepository documents, EmbeddingModels embeddingModels,
            DefaultModelService defaultModels, AccountService accounts, DatasetApiKeyService apiKeys) {
        this.datasets = datasets;
        this.documents = documents;
        this.embeddingModels = embeddingModels;
        this.defaultModels = defaultModels;
        this.account = accounts.requireCurrentAccount();
        setSizeFull();

        Button create = new Button("Create knowledge base", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Knowledge"));
        if (account.getRole() == AccountRole.OWNER || account.getRole() == AccountRole.ADMIN) {
            Button apiAccess = new Button("API access", VaadinIcon.KEY.create(),
                    e -> new DatasetApiAccessDialog(apiKeys, account).open());
            apiAccess.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            header.add(apiAccess);
        }
        header.add(create);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(header.getComponentAt(0));

        grid.addColumn(Dataset::getName).setHeader("Name").setFlexGrow(3).setSortable(true);
        grid.addColumn(d -> documents.countByDatasetId(d.getId())).setHeader("Documents").setFlexGrow(0).setWidth("120px");
        grid.addColumn(Dataset::getEmbeddingModel).setHeader("Embedding model").setFlexGrow(2);
        grid.addColumn(d -> d.getPermission().value().replace('_', ' ')).setHeader("Visible to").setFlexGrow(1);
        grid.addColumn(d -> UPDATED.format(d.getUpdatedAt())).setHeader("Updated").setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(0).setWidth("150px");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addItemClickListener(e -> open(e.getItem()));
        grid.setSizeFull();

        Paragraph hint = new Paragraph("No knowledge bases yet. Create one, upload your documents, and use it in an app "
                + "through a Knowledge Retrieval node.");
        Button first = new Button("Create your first knowledge base", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        emptyState.add(hint, first);
        emptyState.setAlignItems(FlexComponent.Alignment.CENTER);

        add(header, emptyState, grid);
        refresh();
    }

    private HorizontalLayout actions(Dataset dataset) {
        Button open = new Button("Open", e -> open(dataset));
        open.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDelete(dataset));
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + dataset.getName());
        delete.setTooltipText("Delete");
        return new HorizontalLayout(open, delete);
    }

    private void open(Dataset dataset) {
        getUI().ifPresent(ui -> ui.navigate(DatasetView.class, new RouteParameters("datasetId", dataset.getId())));
    }

    private void refresh() {
        List<Dataset> list = datasets.listVisible(account);
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        emptyState.setVisible(list.isEmpty());
    }

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Create knowledge base");
        TextField name = new TextField("Name");
        name.setRequired(true);
        name.setWidthFull();
        TextArea description = new TextArea("Description");
        description.setWidthFull();
        Select<String> model = new Select<>();
        model.setLabel("Embedding model");
        String workspaceDefault = defaultModels.embeddingModelId(account.getWorkspaceId());
        List<String> models = new java.util.ArrayList<>(embeddingModels.localIds());
        if (!models.contains(workspaceDefault)) {
            models.add(0, workspaceDefault);
        }
        model.setItems(models);
        model.setItemLabelGenerator(id -> id.equals(workspaceDefault) ? id + " (workspace default)" : id);
        model.setValue(workspaceDefault);
        model.setHelperText(workspaceDefault.startsWith(EmbeddingModels.PROVIDER_PREFIX)
                ? "The workspace default, served by a model provider; change it under Model providers"
                : "Runs inside Weft; nothing leaves the server");
        model.setWidthFull();
        Select<DatasetPermission> permission = new Select<>();
        permission.setLabel("Visible to");
        permission.setItems(DatasetPermission.ONLY_ME, DatasetPermission.ALL_TEAM_MEMBERS);
        permission.setItemLabelGenerator(p -> p == DatasetPermission.ONLY_ME ? "Only me" : "All team members");
        permission.setValue(DatasetPermission.ONLY_ME);
        permission.setWidthFull();
        VerticalLayout form = new VerticalLayout(name, description, model, permission);
        form.setPadding(false);
        form.setWidth("420px");
        dialog.add(form);
        Button save = new Button("Create", e -> {
            try {
                Dataset created = datasets.create(account, new DatasetService.DatasetDraft(name.getValue(),
                        description.getValue(), permission.getValue().value(), null, model.getValue(), null, null));
                dialog.close();
                open(created);
            } catch (IllegalArgumentException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    private void confirmDelete(Dataset dataset) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Delete " + dataset.getName() + "?");
        confirm.setText("Its documents, chunks and index are deleted. Apps that use it will stop finding its content.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Delete");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            datasets.delete(account, dataset.getId());
            Notification.show("Deleted " + dataset.getName()).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        });
        confirm.open();
    }
}
