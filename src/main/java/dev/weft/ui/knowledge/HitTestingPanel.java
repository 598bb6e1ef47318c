package dev.weft.ui.knowledge;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.dataset.DatasetQueryHistory;
import dev.weft.knowledge.dataset.HitTestingService;
import dev.weft.knowledge.retrieve.RetrievalMethod;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.security.Account;

/**
 * Retrieval testing ("hit testing") on one knowledge base: a query with the search method, top K and score threshold
 * to try (starting from the knowledge base's own settings), and the hits with their score, document and content.
 * Beside them, the records of earlier searches; picking one puts its query and settings back into the form.
 */
class HitTestingPanel extends VerticalLayout {

    static final int MAX_TOP_K = 20;

    private final HitTestingService hitTesting;
    private final Account account;
    private final Dataset dataset;
    private final TextField query = new TextField("Query");
    private final Select<RetrievalMethod> method = new Select<>();
    private final IntegerField topK = new IntegerField("Top K");
    private final NumberField threshold = new NumberField("Score threshold");
    private final VerticalLayout hits = new VerticalLayout();
    private final HitTestingRecords records;
    /** The settings the form does not show (fusion, weights, rerank, filter): the dataset's, or a picked record's. */
    private RetrievalSettings base;

    HitTestingPanel(HitTestingService hitTesting, DatasetQueryHistory history, Account account, Dataset dataset) {
        this.hitTesting = hitTesting;
        this.account = account;
        this.dataset = dataset;
        this.records = new HitTestingRecords(history, account, dataset.getId(), this::pick);
        setPadding(false);

        RetrievalSettings own = dataset.getRetrievalSettings();
        base = own;
        query.setPlaceholder("Ask what a user would ask");
        query.setMaxLength(HitTestingService.MAX_QUERY_LENGTH);
        query.setHelperText("Up to 250 characters.");
        method.setLabel("Retrieval mode");
        method.setItems(RetrievalMethod.values());
        method.setItemLabelGenerator(HitTestingPanel::label);
        method.setValue(own.method());
        topK.setMin(1);
        topK.setMax(MAX_TOP_K);
        topK.setStepButtonsVisible(true);
        topK.setValue(own.topK());
        topK.setWidth("8rem");
        threshold.setMin(0);
        threshold.setMax(1);
        threshold.setStep(0.05);
        threshold.setPlaceholder("none");
        threshold.setHelperText("0 to 1; hits below it are dropped.");
        threshold.setValue(own.scoreThreshold());
        threshold.setClearButtonVisible(true);
        threshold.setWidth("10rem");

        Button run = new Button("Test", VaadinIcon.SEARCH.create(), e -> runTest());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickShortcut(Key.ENTER);
        HorizontalLayout bar = new HorizontalLayout(query, method, topK, threshold, run);
        bar.setWidthFull();
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);
        bar.expand(query);
        bar.getStyle().set("flex-wrap", "wrap");
        hits.setPadding(false);
        hits.addClassName("weft-hits");
        HorizontalLayout results = new HorizontalLayout(hits, records);
        results.setWidthFull();
        results.expand(hits);
        records.setWidth("40rem");
        records.getStyle().set("flex-shrink", "0");
        add(bar, results);
    }

    /** Puts a record's query and settings back into the form. */
    void pick(DatasetQuery record) {
        RetrievalSettings settings = record.getRetrievalSettings();
        base = settings;
        query.setValue(record.getContent().length() > HitTestingService.MAX_QUERY_LENGTH
                ? record.getContent().substring(0, HitTestingService.MAX_QUERY_LENGTH) : record.getContent());
        method.setValue(settings.method());
        topK.setValue(Math.min(settings.topK(), MAX_TOP_K));
        threshold.setValue(settings.scoreThreshold());
        query.setInvalid(false);
        topK.setInvalid(false);
        threshold.setInvalid(false);
    }

    static String label(RetrievalMethod m) {
        return switch (m) {
            case SEMANTIC_SEARCH -> "Vector (semantic)";
            case FULL_TEXT_SEARCH -> "Full-text (keywords)";
            case HYBRID_SEARCH -> "Hybrid";
        };
    }

    private void runTest() {
        hits.removeAll();
        query.setInvalid(false);
        topK.setInvalid(false);
        if (topK.getValue() == null || topK.getValue() < 1 || topK.getValue() > MAX_TOP_K) {
            topK.setErrorMessage("Choose 1 to " + MAX_TOP_K);
            topK.setInvalid(true);
            return;
        }
        if (threshold.getValue() != null && (threshold.getValue() < 0 || threshold.getValue() > 1)) {
            threshold.setErrorMessage("Use a value from 0 to 1, or clear it");
            threshold.setInvalid(true);
            return;
        }
        RetrievalSettings settings = new RetrievalSettings(method.getValue(), topK.getValue(), threshold.getValue(),
                base.fusion(), base.vectorWeight(), base.keywordWeight(), base.rrfK(), base.rerank(), base.filter());
        try {
            HitTestingService.Result result = hitTesting.test(account, dataset.getId(), query.getValue(), settings);
            Span header = new Span(result.hits().isEmpty()
                    ? "No hits in " + result.elapsedMillis() + " ms. Try other words, another retrieval mode or a lower "
                            + "score threshold, and check that the documents are available."
                    : result.hits().size() + (result.hits().size() == 1 ? " hit" : " hits") + " in " + result.elapsedMillis() + " ms");
            header.addClassName("weft-hits-summary");
            header.getStyle().set("color", "var(--lumo-secondary-text-color)");
            hits.add(header);
            int rank = 1;
            for (HitTestingService.Hit hit : result.hits()) {
                hits.add(card(rank++, hit));
            }
            records.refresh();
        } catch (IllegalArgumentException e) {
            query.setInvalid(true);
            query.setErrorMessage(Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1));
        } catch (RuntimeException e) {
            Span error = new Span("The search failed: " + e.getMessage() + ". If the knowledge base uses a provider's embedding or rerank model, check it under Model providers (Test connection).");
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            hits.add(error);
        }
    }

    private static Div card(int rank, HitTestingService.Hit hit) {
        Div card = new Div();
        card.addClassName("hit");
        card.getStyle().set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("width", "100%").set("box-sizing", "border-box");
        Span score = new Span(String.format("score %.3f", hit.score()));
        score.getElement().getThemeList().add("badge");
        score.addClassName("hit-score");
        Span position = new Span("#" + rank);
        position.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0 var(--lumo-space-s)");
        Span doc = new Span(hit.retrieved().documentName());
        doc.addClassName("hit-document");
        doc.getStyle().set("font-weight", "500");
        String text = hit.chunk() != null ? hit.chunk().getContent() : hit.retrieved().content();
        Div content = new Div(text);
        content.addClassName("hit-content");
        content.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)")
                .set("margin-top", "var(--lumo-space-xs)").set("display", "-webkit-box").set("-webkit-line-clamp", "8")
                .set("-webkit-box-orient", "vertical").set("overflow", "hidden");
        card.add(score, position, doc, content);
        if (hit.matchedChild() != null) {
            Div child = new Div("Matched: " + hit.matchedChild().getContent());
            child.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)")
                    .set("margin-top", "var(--lumo-space-xs)");
            card.add(child);
        }
        return card;
    }
}
