package dev.weft.ui.knowledge;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.dataset.ChunkPreviewService;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetNotFoundException;
import dev.weft.knowledge.dataset.DatasetQueryHistory;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.dataset.HitTestingService;
import dev.weft.knowledge.dataset.KnowledgeProperties;
import dev.weft.knowledge.webimport.WebImportService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import jakarta.annotation.security.PermitAll;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One knowledge base: upload documents and watch them go through parsing, splitting and indexing with a progress
 * bar each (the page polls every second), manage them (enable, disable, delete, browse and edit their chunks), set how
 * documents are chunked with a preview, import web pages and follow the imports, and try retrieval on it.
 */
@Route("knowledge/:datasetId")
@PermitAll
public class DatasetView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final DatasetService datasets;
    private final DocumentService documents;
    private final HitTestingService hitTesting;
    private final DatasetQueryHistory queryHistory;
    private final ChunkPreviewService chunkPreview;
    private final KnowledgeProperties properties;
    private final WebImportService webImports;
    private final Account account;
    private final Grid<DatasetDocument> grid = new Grid<>(DatasetDocument.class, false);
    private final H2 title = new H2();
    private final Span summary = new Span();
    private Dataset dataset;
    private ChunkSettingsPanel chunkSettings;
    private WebImportsPanel webImportsPanel;
    private TabSheet tabs;
    private Tab webImportsTab;
    /** What the grid shows, so the poll redraws it only when a document changed. */
    private String shown;

    public DatasetView(DatasetService datasets, DocumentService documents, HitTestingService hitTesting,
            DatasetQueryHistory queryHistory, ChunkPreviewService chunkPreview, KnowledgeProperties properties,
            WebImportService webImports, AccountService accounts) {
        this.datasets = datasets;
        this.documents = documents;
        this.hitTesting = hitTesting;
        this.queryHistory = queryHistory;
        this.chunkPreview = chunkPreview;
        this.properties = properties;
        this.webImports = webImports;
        this.account = accounts.requireCurrentAccount();
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("datasetId").orElse("");
        try {
            dataset = datasets.get(account, id);
        } catch (DatasetNotFoundException e) {
            event.forwardTo(DatasetListView.class);
            return;
        }
        removeAll();
        build();
    }

    @Override
    public String getPageTitle() {
        return dataset == null ? "Knowledge" : dataset.getName() + " · Knowledge";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(1000);
        event.getUI().addPollListener(e -> {
            if (dataset != null && isAttached()) {
                refresh();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
    }

    private void build() {
        title.setText(dataset.getName());
        title.getStyle().set("margin", "0");
        describe();
        RouterLink back = new RouterLink("← Knowledge", DatasetListView.class);
        VerticalLayout head = new VerticalLayout(back, title, summary);
        head.setPadding(false);
        head.setSpacing(false);

        chunkSettings = new ChunkSettingsPanel(chunkPreview, datasets, documents, account, () -> dataset, saved -> {
            dataset = saved;
            describe();
            refresh();
        });
        webImportsPanel = new WebImportsPanel(webImports, account, dataset.getId());
        tabs = new TabSheet();
        tabs.setSizeFull();
        tabs.add("Documents", documentsTab());
        webImportsTab = tabs.add("Web imports", webImportsPanel);
        tabs.add("Chunk settings", chunkSettings);
        tabs.add("Retrieval testing", new HitTestingPanel(hitTesting, queryHistory, account, dataset));
        tabs.addSelectedChangeListener(e -> chunkSettings.refreshSources());
        add(head, tabs);
        setFlexGrow(1, tabs);
        refresh();
    }

    /** The line under the title: embedding model, chunking and search method. */
    private void describe() {
        ChunkSettings cs = dataset.getChunkSettings();
        summary.setText(dataset.getEmbeddingModel() + " · " + cs.mode().name().toLowerCase().replace('_', '-')
                + " chunks up to " + cs.maxTokens() + " tokens · " + dataset.getRetrievalSettings().method().name()
                .toLowerCase().replace("_search", "").replace('_', ' ') + " search");
        summary.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
    }

    private Component documentsTab() {
        Upload upload = new Upload(UploadHandler.toTempFile((meta, file) -> {
            try (var in = new FileInputStream(file)) {
                var results = documents.addFiles(account, dataset.getId(),
                        List.of(new DocumentService.NewFile(meta.fileName(), meta.contentType(), in)));
                results.stream().filter(r -> !r.accepted()).forEach(r -> Notification
                        .show(r.error(), 8000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR));
            } catch (IOException e) {
                Notification.show("Could not read " + meta.fileName() + ": " + e.getMessage())
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            } finally {
                try {
                    Files.deleteIfExists(file.toPath());
                } catch (IOException ignored) {
                    // the temp directory is cleaned by the system
                }
            }
            refresh();
        }));
        upload.setMaxFiles(properties.maxFilesPerUpload());
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, properties.maxFileSize()));
        upload.setDropLabel(new Span("Drop files here: PDF, Word, PowerPoint, Excel, HTML, Markdown, text, CSV, "
                + "e-mail, EPUB… up to " + properties.maxFileSize() / (1024 * 1024) + " MB each"));
        upload.addFileRejectedListener(e -> Notification.show(e.getFileName() + ": " + e.getErrorMessage(), 8000,
                Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR));
        upload.setWidthFull();
        upload.addClassName("weft-document-upload");

        Button addText = new Button("Add text", VaadinIcon.TEXT_LABEL.create(), e -> openTextDialog());

        grid.addComponentColumn(this::nameCell).setHeader("Document").setFlexGrow(4);
        grid.addComponentColumn(this::statusCell).setHeader("Status").setFlexGrow(0).setWidth("130px");
        grid.addComponentColumn(this::progressCell).setHeader("Progress").setFlexGrow(2);
        grid.addColumn(DatasetDocument::getWordCount).setHeader("Words").setFlexGrow(0).setWidth("100px");
        grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(0).setWidth("270px");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setSizeFull();
        grid.setEmptyStateText("No documents yet: drop files above or add text.");

        VerticalLayout tab = new VerticalLayout(upload, addText, grid);
        tab.setPadding(false);
        tab.setSizeFull();
        tab.setFlexGrow(1, grid);
        return tab;
    }

    private Component nameCell(DatasetDocument doc) {
        Div cell = new Div();
        Span name = new Span(doc.getName());
        name.getStyle().set("font-weight", "500");
        cell.add(name);
        if (doc.getError() != null && doc.getStatus() == DocumentStatus.ERROR) {
            Div error = new Div(doc.getError());
            error.addClassName("document-error");
            error.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)");
            cell.add(error);
        }
        return cell;
    }

    private Component statusCell(DatasetDocument doc) {
        Span badge = new Span(doc.displayStatus());
        String theme = switch (doc.displayStatus()) {
            case "available" -> "badge success";
            case "error" -> "badge error";
            case "disabled", "paused" -> "badge contrast";
            default -> "badge";
        };
        badge.getElement().getThemeList().addAll(List.of(theme.split(" ")));
        badge.addClassName("document-status");
        return badge;
    }

    private Component progressCell(DatasetDocument doc) {
        ProgressBar bar = new ProgressBar();
        Span label = new Span();
        label.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        switch (doc.getStatus()) {
            case COMPLETED -> {
                bar.setValue(1);
                bar.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
                label.setText(doc.getChunksTotal() + (doc.getChunksTotal() == 1 ? " chunk" : " chunks"));
            }
            case INDEXING -> {
                bar.setValue(doc.getChunksTotal() == 0 ? 0 : (double) doc.getChunksDone() / doc.getChunksTotal());
                label.setText("indexing " + doc.getChunksDone() + " / " + doc.getChunksTotal() + " chunks");
            }
            case WAITING -> {
                bar.setValue(0);
                label.setText("waiting in the queue");
            }
            case ERROR -> {
                bar.setValue(0);
                bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
                label.setText("failed");
            }
            case PAUSED -> {
                bar.setValue(doc.getChunksTotal() == 0 ? 0 : (double) doc.getChunksDone() / doc.getChunksTotal());
                label.setText("paused at " + doc.getChunksDone() + " / " + doc.getChunksTotal());
            }
            default -> {
                bar.setIndeterminate(true);
                label.setText(doc.getStatus().value());
            }
        }
        bar.getElement().setAttribute("aria-label", "Progress of " + doc.getName());
        VerticalLayout cell = new VerticalLayout(bar, label);
        cell.setPadding(false);
        cell.setSpacing(false);
        return cell;
    }

    private Component actions(DatasetDocument doc) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        if (doc.getStatus().inQueue()) {
            actions.add(small("Pause", () -> documents.pause(account, dataset.getId(), doc.getId())));
        } else if (doc.getStatus() == DocumentStatus.PAUSED) {
            actions.add(small("Resume", () -> documents.resume(account, dataset.getId(), doc.getId())));
        } else if (doc.getStatus() == DocumentStatus.ERROR) {
            actions.add(small("Retry", () -> documents.retry(account, dataset.getId(), doc.getId())));
        } else if (doc.getStatus() == DocumentStatus.COMPLETED) {
            Button chunksButton = new Button("Chunks", e -> getUI().ifPresent(ui -> ui.navigate(DocumentChunksView.class,
                    DocumentChunksView.parameters(dataset.getId(), doc.getId()))));
            chunksButton.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            chunksButton.setAriaLabel("Chunks of " + doc.getName());
            actions.add(chunksButton);
            Button toggle = small(doc.isEnabled() ? "Disable" : "Enable",
                    () -> documents.setEnabled(account, dataset.getId(), doc.getId(), !doc.isEnabled()));
            toggle.setAriaLabel((doc.isEnabled() ? "Disable " : "Enable ") + doc.getName());
            actions.add(toggle);
        }
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> confirmDelete(doc));
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + doc.getName());
        delete.setTooltipText("Delete");
        actions.add(delete);
        return actions;
    }

    private void confirmDelete(DatasetDocument doc) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + doc.getName() + "?",
                "Its chunks leave the index and apps stop finding them. Upload the file again to bring it back.",
                "Delete", e -> {
                    documents.delete(account, dataset.getId(), doc.getId());
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private Button small(String text, Runnable action) {
        Button b = new Button(text, e -> {
            try {
                action.run();
            } catch (IllegalArgumentException ex) {
                Notification.show(ex.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            refresh();
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    private void openTextDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Add text");
        TextField name = new TextField("Name");
        name.setWidthFull();
        TextArea text = new TextArea("Text");
        text.setWidthFull();
        text.setHeight("260px");
        VerticalLayout form = new VerticalLayout(name, text);
        form.setPadding(false);
        form.setWidth("560px");
        dialog.add(form);
        Button save = new Button("Add", e -> {
            try {
                documents.addText(account, dataset.getId(), name.getValue(), text.getValue());
                dialog.close();
                refresh();
            } catch (IllegalArgumentException ex) {
                text.setInvalid(true);
                text.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void refresh() {
        if (dataset == null) {
            return;
        }
        if (tabs != null && tabs.getSelectedTab() == webImportsTab) {
            webImportsPanel.refresh();
        }
        List<DatasetDocument> docs = documents.list(account, dataset.getId());
        String signature = docs.stream().map(d -> d.getId() + ':' + d.getStatus() + ':' + d.getChunksDone() + '/'
                + d.getChunksTotal() + ':' + d.isEnabled() + ':' + d.getName()).collect(Collectors.joining(","));
        if (!signature.equals(shown)) {
            shown = signature;
            grid.setItems(docs);
        }
    }
}
