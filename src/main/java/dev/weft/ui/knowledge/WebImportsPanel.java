package dev.weft.ui.knowledge;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.knowledge.webimport.PageCounts;
import dev.weft.knowledge.webimport.WebImport;
import dev.weft.knowledge.webimport.WebImportService;
import dev.weft.knowledge.webimport.WebImportStatus;
import dev.weft.security.Account;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Web pages into the knowledge base: one URL or a crawl (depth, page limit), and the knowledge base's imports as
 * the database has them (status, pages added, failed and skipped, the reason when one stopped), so their progress
 * shows across restarts; an interrupted or failed import can be started again from here.
 */
class WebImportsPanel extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final WebImportService imports;
    private final Account account;
    private final String datasetId;
    private final TextField url = new TextField("URL");
    private final Checkbox crawl = new Checkbox("Follow links (crawl the site)");
    private final IntegerField depth = new IntegerField("Link depth");
    private final IntegerField maxPages = new IntegerField("Page limit");
    private final Grid<WebImport> grid = new Grid<>(WebImport.class, false);
    /** What the grid shows, so a refresh redraws it only when an import changed. */
    private String shown;

    WebImportsPanel(WebImportService imports, Account account, String datasetId) {
        this.imports = imports;
        this.account = account;
        this.datasetId = datasetId;
        setPadding(false);
        addClassName("weft-web-imports");

        CrawlOptions defaults = CrawlOptions.of(URI.create("https://example.com/"));
        url.setPlaceholder("https://example.com/docs/");
        depth.setValue(defaults.maxDepth());
        depth.setMin(0);
        depth.setWidth("8rem");
        maxPages.setValue(defaults.maxPages());
        maxPages.setMin(1);
        maxPages.setMax(CrawlOptions.MAX_PAGES_LIMIT);
        maxPages.setWidth("8rem");
        depth.setEnabled(false);
        maxPages.setEnabled(false);
        crawl.addValueChangeListener(e -> {
            depth.setEnabled(e.getValue());
            maxPages.setEnabled(e.getValue());
        });
        Button start = new Button("Import", VaadinIcon.DOWNLOAD.create(), e -> start());
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(url, crawl, depth, maxPages, start);
        form.setWidthFull();
        form.expand(url);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");

        grid.addColumn(i -> i.getOptions().startUrl().toString()).setHeader("URL").setFlexGrow(2)
                .setTooltipGenerator(i -> i.getOptions().startUrl().toString());
        grid.addComponentColumn(this::statusCell).setHeader("Status").setFlexGrow(2);
        grid.addColumn(i -> pages(i.getCounts())).setHeader("Pages").setFlexGrow(1);
        grid.addColumn(i -> WHEN.format(i.getStartedAt())).setHeader("Started").setFlexGrow(0).setWidth("180px");
        grid.addComponentColumn(this::actions).setHeader("").setFlexGrow(0).setWidth("140px");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText("No web imports yet: give a URL above.");
        grid.setWidthFull();
        grid.setHeight("360px");
        add(form, grid);
        refresh();
    }

    /** Re-reads the imports; the page calls it every second while this tab shows. */
    void refresh() {
        List<WebImport> latest = imports.list(account, datasetId);
        String signature = latest.stream().map(i -> i.getId() + ':' + i.getStatus() + ':' + i.getCounts())
                .collect(Collectors.joining(","));
        if (!signature.equals(shown)) {
            shown = signature;
            grid.setItems(latest);
        }
    }

    private void start() {
        url.setInvalid(false);
        try {
            URI start = new URI(url.getValue().strip());
            CrawlOptions options = crawl.getValue()
                    ? new CrawlOptions(start, value(depth, "link depth"), value(maxPages, "page limit"), true, false, true,
                            List.of(), List.of())
                    : new CrawlOptions(start, 0, 1, true, false, true, List.of(), List.of());
            imports.start(account, datasetId, options);
            url.clear();
            refresh();
        } catch (URISyntaxException e) {
            invalid("'" + url.getValue() + "' is not a valid URL: " + e.getReason());
        } catch (IllegalArgumentException e) {
            invalid(Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1));
        }
    }

    private static int value(IntegerField field, String name) {
        if (field.getValue() == null) {
            throw new IllegalArgumentException("the " + name + " is required when following links");
        }
        return field.getValue();
    }

    private void invalid(String message) {
        url.setErrorMessage(message);
        url.setInvalid(true);
    }

    private Component statusCell(WebImport i) {
        Span badge = new Span(i.getStatus().value());
        badge.getElement().getThemeList().add("badge");
        switch (i.getStatus()) {
            case COMPLETED -> badge.getElement().getThemeList().add("success");
            case ERROR, INTERRUPTED -> badge.getElement().getThemeList().add("error");
            case RUNNING -> { }
        }
        badge.addClassName("web-import-status");
        Div cell = new Div(badge);
        if (i.getError() != null) {
            Div reason = new Div(i.getError());
            reason.addClassName("web-import-reason");
            reason.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
            cell.add(reason);
        }
        return cell;
    }

    private static String pages(PageCounts c) {
        return c.added() + " added, " + c.failed() + " failed" + (c.skipped() == 0 ? "" : ", " + c.skipped() + " already there");
    }

    private Component actions(WebImport i) {
        if (i.getStatus() != WebImportStatus.INTERRUPTED && i.getStatus() != WebImportStatus.ERROR) {
            return new Span();
        }
        Button again = new Button("Start again", e -> {
            try {
                imports.restart(account, datasetId, i.getId());
            } catch (IllegalArgumentException ex) {
                Notification.show(ex.getMessage(), 8000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
            refresh();
        });
        again.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        again.setAriaLabel("Start again " + i.getOptions().startUrl());
        return again;
    }
}
