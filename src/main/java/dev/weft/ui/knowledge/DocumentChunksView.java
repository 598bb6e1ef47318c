package dev.weft.ui.knowledge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.weft.knowledge.dataset.ChunkKind;
import dev.weft.knowledge.dataset.ChunkService;
import dev.weft.knowledge.dataset.ChunkService.ChunkWithChildren;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetNotFoundException;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentChunk;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import jakarta.annotation.security.PermitAll;

/**
 * The chunk browser of one document: every chunk in order with its tokens and hit count; enable or disable one
 * (it leaves retrieval at once), or edit its text (it is embedded again and replaced in the index).
 */
@Route("knowledge/:datasetId/documents/:documentId")
@PermitAll
public class DocumentChunksView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final int PAGE_SIZE = 50;

    private final DatasetService datasets;
    private final DocumentService documents;
    private final ChunkService chunks;
    private final Account account;
    private final Grid<ChunkWithChildren> grid = new Grid<>();
    private Dataset dataset;
    private DatasetDocument document;

    public DocumentChunksView(DatasetService datasets, DocumentService documents, ChunkService chunks, AccountService accounts) {
        this.datasets = datasets;
        this.documents = documents;
        this.chunks = chunks;
        this.account = accounts.requireCurrentAccount();
        setSizeFull();
    }

    /** Where the chunks of a document are browsed. */
    static RouteParameters parameters(String datasetId, String documentId) {
        return new RouteParameters(java.util.Map.of("datasetId", datasetId, "documentId", documentId));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String datasetId = event.getRouteParameters().get("datasetId").orElse("");
        String documentId = event.getRouteParameters().get("documentId").orElse("");
        try {
            dataset = datasets.get(account, datasetId);
            document = documents.get(account, datasetId, documentId);
        } catch (DatasetNotFoundException e) {
            event.forwardTo(DatasetListView.class);
            return;
        }
        removeAll();
        build();
    }

    @Override
    public String getPageTitle() {
        return document == null ? "Chunks" : document.getName() + " · Chunks";
    }

    private void build() {
        RouterLink back = new RouterLink("← " + dataset.getName(), DatasetView.class,
                new RouteParameters("datasetId", dataset.getId()));
        H2 title = new H2(document.getName());
        title.getStyle().set("margin", "0");
        Span summary = new Span(document.getChunksTotal() + (document.getChunksTotal() == 1 ? " chunk" : " chunks") + " · "
                + document.getWordCount() + " words · " + document.displayStatus());
        summary.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        VerticalLayout head = new VerticalLayout(back, title, summary);
        head.setPadding(false);
        head.setSpacing(false);

        grid.addColumn(c -> "#" + (c.chunk().getPosition() + 1)).setHeader("Chunk").setFlexGrow(0).setWidth("90px");
        grid.addComponentColumn(this::contentCell).setHeader("Content").setFlexGrow(1);
        grid.addColumn(c -> c.chunk().getTokenCount()).setHeader("Tokens").setFlexGrow(0).setWidth("90px");
        grid.addColumn(c -> c.chunk().getHitCount()).setHeader("Hits").setFlexGrow(0).setWidth("80px");
        grid.addComponentColumn(this::enabledCell).setHeader("Enabled").setFlexGrow(0).setWidth("110px");
        grid.addComponentColumn(this::editButton).setHeader("").setFlexGrow(0).setWidth("100px");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText(document.getStatus().inQueue()
                ? "This document is still being indexed; its chunks appear when it is done."
                : "This document has no chunks. Check its status on the knowledge base page.");
        grid.setPageSize(PAGE_SIZE);
        grid.setItems(query -> chunks.list(account, dataset.getId(), document.getId(), query.getPage(), query.getPageSize())
                .stream());
        grid.setSizeFull();
        add(head, grid);
        setFlexGrow(1, grid);
    }

    private Component contentCell(ChunkWithChildren c) {
        Div cell = new Div();
        Div content = new Div(c.chunk().getContent());
        content.addClassName("chunk-content");
        // long chunks show their first lines; Edit shows all of it
        content.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)")
                .set("display", "-webkit-box").set("-webkit-line-clamp", "6").set("-webkit-box-orient", "vertical")
                .set("overflow", "hidden");
        content.getElement().setAttribute("title", c.chunk().getContent().length() > 2000
                ? c.chunk().getContent().substring(0, 2000) + "…" : c.chunk().getContent());
        if (!c.chunk().isEnabled()) {
            content.getStyle().set("color", "var(--lumo-disabled-text-color)");
        }
        cell.add(content);
        if (c.chunk().getKind() == ChunkKind.PARENT && !c.children().isEmpty()) {
            Span children = new Span(c.children().size() + " child chunks are searched");
            children.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
            cell.add(children);
        }
        return cell;
    }

    private Component enabledCell(ChunkWithChildren c) {
        Checkbox enabled = new Checkbox(c.chunk().isEnabled());
        enabled.setAriaLabel("Chunk " + (c.chunk().getPosition() + 1) + " enabled");
        enabled.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                chunks.setEnabled(account, dataset.getId(), document.getId(), c.chunk().getId(), e.getValue());
                grid.getDataProvider().refreshAll();
            } catch (RuntimeException ex) {
                error("Could not change the chunk: " + ex.getMessage());
            }
        });
        return enabled;
    }

    private Component editButton(ChunkWithChildren c) {
        Button edit = new Button("Edit", e -> openEditor(c.chunk()));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.setAriaLabel("Edit chunk " + (c.chunk().getPosition() + 1));
        return edit;
    }

    private void openEditor(DocumentChunk chunk) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Edit chunk " + (chunk.getPosition() + 1));
        TextArea content = new TextArea("Content");
        content.setValue(chunk.getContent());
        content.setWidth("44rem");
        content.setMaxWidth("100%");
        content.setHeight("18rem");
        content.setHelperText("Saving embeds the chunk again, so retrieval finds the new text at once.");
        dialog.add(content);
        Button save = new Button("Save", e -> {
            try {
                chunks.edit(account, dataset.getId(), document.getId(), chunk.getId(), content.getValue());
            } catch (IllegalArgumentException ex) {
                content.setErrorMessage(Character.toUpperCase(ex.getMessage().charAt(0)) + ex.getMessage().substring(1));
                content.setInvalid(true);
                return;
            } catch (RuntimeException ex) {
                content.setErrorMessage("Could not embed the new text: " + ex.getMessage()
                        + ". Check the embedding model's provider under Model providers.");
                content.setInvalid(true);
                return;
            }
            dialog.close();
            grid.getDataProvider().refreshAll();
            Notification.show("Saved chunk " + (chunk.getPosition() + 1), 2500, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        content.focus();
    }

    private static void error(String message) {
        Notification.show(message, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
