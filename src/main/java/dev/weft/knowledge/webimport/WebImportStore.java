package dev.weft.knowledge.webimport;

import dev.weft.knowledge.dataset.DatasetDocumentRepository;
import dev.weft.knowledge.dataset.WebImportPage;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.knowledge.web.CrawlSummary;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rows of web imports: created, counted while they run (the caller throttles), ended and restarted. Whenever an
 * import ends or restarts, its added and failed pages are counted again from its documents, so those counts are exact
 * even after a crash, whatever the last progress write said.
 */
@Component
@Transactional
class WebImportStore {

    private static final Logger log = LoggerFactory.getLogger(WebImportStore.class);

    private final WebImportRepository imports;
    private final DatasetDocumentRepository documents;

    WebImportStore(WebImportRepository imports, DatasetDocumentRepository documents) {
        this.imports = imports;
        this.documents = documents;
    }

    WebImport create(String datasetId, CrawlOptions options, String accountId) {
        return imports.save(new WebImport(datasetId, options, accountId));
    }

    /** Writes a running import's counts; false when it is gone (its dataset was deleted) or no longer running. */
    boolean progress(String importId, PageCounts counts) {
        return imports.progress(importId, counts) > 0;
    }

    /** Ends the import with its exact counts; nothing when it is gone. */
    void end(String importId, WebImportStatus outcome, int skipped, CrawlSummary summary, String reason) {
        imports.findById(importId).ifPresent(i -> i.end(outcome, exact(importId, skipped), summary, reason));
    }

    /** Ends the import as interrupted: Weft is stopping (or stopped) while it ran. */
    void interrupt(String importId, int skipped) {
        imports.findById(importId).ifPresent(i -> interrupt(i, skipped));
    }

    /** Marks every import still running as interrupted: at startup, those were cut short by a stop or a crash. */
    int interruptAllRunning() {
        List<WebImport> running = imports.findByStatus(WebImportStatus.RUNNING);
        running.forEach(i -> interrupt(i, i.getCounts().skipped()));
        if (!running.isEmpty()) {
            log.info("{} web import(s) were running when Weft stopped; marked interrupted", running.size());
        }
        return running.size();
    }

    /** Running again, from its exact counts. */
    WebImport restart(WebImport webImport) {
        WebImport row = imports.findById(webImport.getId()).orElseThrow();
        row.restart(exact(row.getId(), 0));
        return row;
    }

    /** The documents the import has made so far. */
    @Transactional(readOnly = true)
    List<WebImportPage> pages(String importId) {
        return documents.webImportPages(importId);
    }

    private void interrupt(WebImport row, int skipped) {
        PageCounts counts = exact(row.getId(), skipped);
        row.end(WebImportStatus.INTERRUPTED, counts, null, stoppedReason(counts.added()));
    }

    static String stoppedReason(int imported) {
        return "Weft stopped during this import; " + imported + (imported == 1 ? " page was" : " pages were")
                + " imported; start it again to import the rest";
    }

    private PageCounts exact(String importId, int skipped) {
        return new PageCounts((int) documents.pagesImported(importId), (int) documents.pagesFailed(importId), skipped);
    }
}
