package dev.weft.ui.knowledge;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.dataset.DatasetQueryHistory;
import dev.weft.knowledge.dataset.DatasetQuerySource;
import dev.weft.security.Account;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * The "Records" list of retrieval testing: the knowledge base's retrieval history, newest first and loaded page by
 * page (query, source, time, hits; the source's tooltip names who ran an app's search). Clicking a record hands it
 * to {@code onPick}, which puts it back in the form.
 */
class HitTestingRecords extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final Grid<DatasetQuery> grid = new Grid<>(DatasetQuery.class, false);

    HitTestingRecords(DatasetQueryHistory history, Account account, String datasetId, Consumer<DatasetQuery> onPick) {
        setPadding(false);
        setSpacing(false);
        addClassName("weft-hit-records");
        H4 title = new H4("Records");
        title.getStyle().set("margin", "0 0 var(--lumo-space-xs) 0");

        grid.addColumn(DatasetQuery::getContent).setHeader("Query").setFlexGrow(1)
                .setTooltipGenerator(DatasetQuery::getContent);
        grid.addColumn(q -> switch (q.getSource()) {
            case HIT_TESTING -> "Retrieval test";
            case APP -> "App";
        }).setHeader("Source").setFlexGrow(0).setWidth("125px").setTooltipGenerator(HitTestingRecords::ranBy);
        grid.addColumn(q -> WHEN.format(q.getCreatedAt())).setHeader("Time").setFlexGrow(0).setWidth("180px");
        grid.addColumn(DatasetQuery::getHitCount).setHeader("Hits").setFlexGrow(0).setWidth("70px");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setEmptyStateText("No records yet: each test and each search by an app is listed here.");
        grid.setPageSize(DatasetQueryHistory.MAX_PAGE_SIZE);
        grid.setItems(query -> history.page(account, datasetId, query.getPage() + 1, query.getPageSize()).stream());
        grid.addItemClickListener(e -> onPick.accept(e.getItem()));
        grid.setWidthFull();
        grid.setHeight("300px");
        add(title, grid);
    }

    /** Who ran the app whose search this is: its end user, or a console account debugging it; null for tests. */
    static String ranBy(DatasetQuery q) {
        if (q.getSource() != DatasetQuerySource.APP || q.getCreatedBy() == null) {
            return null;
        }
        return DatasetQuery.ACCOUNT.equals(q.getCreatedByRole()) ? "Run from the console"
                : "Run by end user " + q.getCreatedBy();
    }

    /** Reloads the list, after a new test. */
    void refresh() {
        grid.getDataProvider().refreshAll();
    }
}
