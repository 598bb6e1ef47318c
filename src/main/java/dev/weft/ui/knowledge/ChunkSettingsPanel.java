package dev.weft.ui.knowledge;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.chunk.CleaningRules;
import dev.weft.knowledge.chunk.TextChunk;
import dev.weft.knowledge.dataset.ChunkPreviewService;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.security.Account;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The knowledge base's chunk settings (mode, separator, lengths, overlap, parent-child, cleaning) with a preview of
 * the chunks they make, from a stored document, pasted text or a file that is not added, before anything is indexed.
 * Saving new settings re-indexes every document.
 */
class ChunkSettingsPanel extends VerticalLayout {

    private final ChunkPreviewService preview;
    private final DatasetService datasets;
    private final DocumentService documents;
    private final Account account;
    private final Supplier<Dataset> dataset;
    private final Consumer<Dataset> onSaved;

    private final Select<ChunkSettings.Mode> mode = new Select<>();
    private final TextField separator = new TextField("Separator");
    private final IntegerField maxTokens = new IntegerField("Maximum chunk length (tokens)");
    private final IntegerField overlap = new IntegerField("Overlap (tokens)");
    private final Select<ChunkSettings.ParentMode> parentMode = new Select<>();
    private final TextField childSeparator = new TextField("Child separator");
    private final IntegerField childMaxTokens = new IntegerField("Maximum child length (tokens)");
    private final Checkbox removeSpaces = new Checkbox("Replace consecutive spaces, newlines and tabs");
    private final Checkbox removeUrls = new Checkbox("Delete all URLs and e-mail addresses");
    private final Select<DatasetDocument> source = new Select<>();
    private final TextArea sample = new TextArea("Or paste sample text");
    private final VerticalLayout chunks = new VerticalLayout();

    ChunkSettingsPanel(ChunkPreviewService preview, DatasetService datasets, DocumentService documents, Account account,
            Supplier<Dataset> dataset, Consumer<Dataset> onSaved) {
        this.preview = preview;
        this.datasets = datasets;
        this.documents = documents;
        this.account = account;
        this.dataset = dataset;
        this.onSaved = onSaved;
        setPadding(false);

        mode.setLabel("Chunk mode");
        mode.setItems(ChunkSettings.Mode.values());
        mode.setItemLabelGenerator(m -> m == ChunkSettings.Mode.GENERAL ? "General" : "Parent-child");
        mode.setHelperText("Parent-child searches small chunks and answers with their larger parent.");
        separator.setHelperText("Where to split first; \\n\\n is a blank line.");
        maxTokens.setMin(1);
        overlap.setMin(0);
        overlap.setHelperText("Tokens neighbouring chunks share, for context across a split.");
        parentMode.setLabel("Parent chunk");
        parentMode.setItems(ChunkSettings.ParentMode.values());
        parentMode.setItemLabelGenerator(p -> p == ChunkSettings.ParentMode.PARAGRAPH ? "Paragraph" : "Full document");
        childSeparator.setHelperText("\\n is a line break.");
        childMaxTokens.setMin(1);
        mode.addValueChangeListener(e -> showModeFields());

        FormLayout form = new FormLayout(mode, separator, maxTokens, overlap, parentMode, childSeparator, childMaxTokens);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("36rem", 2),
                new FormLayout.ResponsiveStep("60rem", 4));
        VerticalLayout cleaning = new VerticalLayout(removeSpaces, removeUrls);
        cleaning.setPadding(false);
        cleaning.setSpacing(false);

        source.setLabel("Preview with document");
        source.setEmptySelectionAllowed(true);
        source.setEmptySelectionCaption("Choose a document");
        source.setItemLabelGenerator(d -> d == null ? "Choose a document" : d.getName());
        source.setWidth("20rem");
        sample.setWidthFull();
        sample.setMaxHeight("10rem");
        sample.setPlaceholder("Paste a few paragraphs to see how they would be split");
        Button previewButton = new Button("Preview chunks", VaadinIcon.EYE.create(), e -> previewChosen());
        Upload file = new Upload(UploadHandler.inMemory((meta, bytes) -> {
            ChunkSettings settings = settings();
            if (settings != null) {
                show(() -> preview.ofFile(account, dataset.get().getId(), meta.fileName(), new ByteArrayInputStream(bytes), settings));
            }
        }));
        file.setMaxFiles(1);
        file.addClassName("weft-preview-upload");
        file.setWidthFull();
        file.setDropLabel(new Span("Or drop a file to preview it without adding it"));
        file.getElement().setAttribute("aria-label", "File to preview");
        HorizontalLayout previewBar = new HorizontalLayout(source, previewButton);
        previewBar.setAlignItems(FlexComponent.Alignment.BASELINE);

        Button save = new Button("Save and re-index", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Paragraph saveHelp = new Paragraph("Saving puts every document back in the queue to be split and embedded again.");
        saveHelp.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("margin", "0");

        chunks.setPadding(false);
        chunks.addClassName("weft-chunk-preview");
        H3 previewTitle = new H3("Preview");
        previewTitle.getStyle().set("margin", "var(--lumo-space-m) 0 0 0");
        add(form, cleaning, new HorizontalLayout(save), saveHelp, previewTitle, previewBar, sample, file, chunks);
        load();
    }

    /** Puts the knowledge base's current settings into the fields and lists its documents for the preview. */
    void load() {
        ChunkSettings cs = dataset.get().getChunkSettings();
        mode.setValue(cs.mode());
        separator.setValue(escape(cs.separator()));
        maxTokens.setValue(cs.maxTokens());
        overlap.setValue(cs.overlapTokens());
        parentMode.setValue(cs.parentMode());
        childSeparator.setValue(escape(cs.childSeparator()));
        childMaxTokens.setValue(cs.childMaxTokens());
        removeSpaces.setValue(cs.cleaning().removeExtraSpaces());
        removeUrls.setValue(cs.cleaning().removeUrlsEmails());
        refreshSources();
        showModeFields();
    }

    void refreshSources() {
        DatasetDocument chosen = source.getValue();
        List<DatasetDocument> withFiles = documents.list(account, dataset.get().getId()).stream()
                .filter(d -> d.getFilePath() != null).toList();
        source.setItems(withFiles);
        if (chosen != null) {
            withFiles.stream().filter(d -> d.getId().equals(chosen.getId())).findFirst().ifPresent(source::setValue);
        }
    }

    private void showModeFields() {
        boolean parentChild = mode.getValue() == ChunkSettings.Mode.PARENT_CHILD;
        parentMode.setVisible(parentChild);
        childSeparator.setVisible(parentChild);
        childMaxTokens.setVisible(parentChild);
        overlap.setVisible(!parentChild);
        maxTokens.setLabel(parentChild ? "Maximum parent length (tokens)" : "Maximum chunk length (tokens)");
    }

    /** The settings in the fields, or null after marking the field that is wrong. */
    private ChunkSettings settings() {
        List.of(maxTokens, overlap, childMaxTokens).forEach(f -> f.setInvalid(false));
        if (maxTokens.getValue() == null || maxTokens.getValue() < 1) {
            return invalid(maxTokens, "Enter a length of at least 1 token, for example 500");
        }
        try {
            return new ChunkSettings(mode.getValue(), unescape(separator.getValue()), maxTokens.getValue(),
                    overlap.getValue() == null ? 0 : overlap.getValue(), parentMode.getValue(),
                    unescape(childSeparator.getValue()), childMaxTokens.getValue() == null ? 0 : childMaxTokens.getValue(),
                    new CleaningRules(removeSpaces.getValue(), removeUrls.getValue()));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            IntegerField field = m.contains("overlap") ? overlap : m.contains("child") ? childMaxTokens : maxTokens;
            return invalid(field, Character.toUpperCase(m.charAt(0)) + m.substring(1));
        }
    }

    private static ChunkSettings invalid(IntegerField field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
        return null;
    }

    private void previewChosen() {
        ChunkSettings settings = settings();
        if (settings == null) {
            return;
        }
        String id = dataset.get().getId();
        if (!sample.getValue().isBlank()) {
            show(() -> preview.ofText(account, id, sample.getValue(), settings));
        } else if (source.getValue() != null) {
            show(() -> preview.ofDocument(account, id, source.getValue().getId(), settings));
        } else {
            chunks.removeAll();
            chunks.add(new Span("Choose a document, paste some text or drop a file to see its chunks."));
        }
    }

    private void show(Supplier<ChunkPreviewService.Preview> make) {
        chunks.removeAll();
        ChunkPreviewService.Preview p;
        try {
            p = make.get();
        } catch (IllegalArgumentException e) {
            Span error = new Span(Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1));
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            chunks.add(error);
            return;
        }
        Span summary = new Span(p.total() + (p.total() == 1 ? " chunk, " : " chunks, ") + p.totalTokens() + " tokens"
                + (p.chunks().size() < p.total() ? " (showing the first " + p.chunks().size() + ")" : ""));
        summary.addClassName("weft-chunk-preview-summary");
        summary.getStyle().set("color", "var(--lumo-secondary-text-color)");
        chunks.add(summary);
        for (TextChunk c : p.chunks()) {
            chunks.add(chunkCard(c));
        }
    }

    private static Div chunkCard(TextChunk c) {
        Div card = new Div();
        card.addClassName("preview-chunk");
        card.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "100%").set("box-sizing", "border-box");
        Span head = new Span("Chunk " + (c.position() + 1) + " · " + c.tokens() + " tokens");
        head.getElement().getThemeList().add("badge");
        Div content = new Div(c.content());
        content.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)")
                .set("margin-top", "var(--lumo-space-xs)");
        card.add(head, content);
        for (TextChunk child : c.children()) {
            Div ch = new Div("↳ " + child.content() + "  (" + child.tokens() + " tokens)");
            ch.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)")
                    .set("margin-left", "var(--lumo-space-m)");
            card.add(ch);
        }
        return card;
    }

    private void save() {
        ChunkSettings settings = settings();
        if (settings == null) {
            return;
        }
        Dataset saved = datasets.update(account, dataset.get().getId(),
                new DatasetService.DatasetDraft(null, null, null, null, null, settings, null));
        Notification.show("Saved the chunk settings; the documents are being indexed again", 4000,
                Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        onSaved.accept(saved);
    }

    /** A separator as typed: a line break shows as {@code \n}, a tab as {@code \t}. */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '\\' -> out.append('\\');
                    default -> out.append('\\').append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
