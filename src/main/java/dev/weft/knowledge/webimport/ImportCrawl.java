package dev.weft.knowledge.webimport;

import dev.weft.knowledge.dataset.DatasetNotFoundException;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.web.CrawlEvent;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.knowledge.web.CrawlSummary;
import dev.weft.knowledge.web.WebCrawler;
import dev.weft.security.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a web import, on its own thread: each page the crawler reports becomes a document (or a failed document
 * with the reason) tagged with the import; a page an earlier run of the import already imported is skipped, and a
 * page that failed then is read again in place of its failed document. Progress goes to the import's row when the
 * throttle allows; the end (completed, error, or interrupted by {@link #stop()}) writes the exact counts.
 */
final class ImportCrawl implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ImportCrawl.class);

    /** Thrown from the crawl listener to end the crawl: Weft is stopping, or the import is gone. */
    private static final class Stop extends RuntimeException {
        private final boolean gone;

        Stop(boolean gone) {
            super(null, null, false, false);
            this.gone = gone;
        }
    }

    private final String importId;
    private final String datasetId;
    private final CrawlOptions options;
    private final Account author;
    private final PreviousPages previous;
    private final WebCrawler crawler;
    private final DocumentService documents;
    private final WebImportStore store;
    private final ProgressThrottle throttle;
    private int added;
    private int failed;
    private int skipped;
    private volatile boolean stopping;

    ImportCrawl(WebImport webImport, Account author, PreviousPages previous, WebCrawler crawler,
            DocumentService documents, WebImportStore store, ProgressThrottle throttle) {
        this.importId = webImport.getId();
        this.datasetId = webImport.getDatasetId();
        this.options = webImport.getOptions();
        this.added = webImport.getCounts().added();
        this.failed = webImport.getCounts().failed();
        this.author = author;
        this.previous = previous;
        this.crawler = crawler;
        this.documents = documents;
        this.store = store;
        this.throttle = throttle;
    }

    /** Ends the crawl after the page in hand; the import is then marked interrupted. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            CrawlSummary summary = crawler.crawl(options, this::page);
            store.end(importId, WebImportStatus.COMPLETED, skipped, summary, null);
        } catch (Stop e) {
            if (e.gone) {
                log.info("web import {} ended: it was deleted with its knowledge base", importId);
            } else {
                store.interrupt(importId, skipped);
            }
        } catch (DatasetNotFoundException e) {
            log.info("web import {} ended: {}", importId, e.getMessage());
            store.end(importId, WebImportStatus.ERROR, skipped, null, "the knowledge base can no longer be used by "
                    + "the account that started this import: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("web import {} failed", importId, e);
            store.end(importId, WebImportStatus.ERROR, skipped, null, e.getMessage());
        }
    }

    private void page(CrawlEvent event) {
        if (stopping) {
            throw new Stop(false);
        }
        String url = event.url().toString();
        if (previous.imported(url)) {
            skipped++;
        } else {
            for (String documentId : previous.takeFailed(url)) {
                try {
                    documents.delete(author, datasetId, documentId);
                    failed--;
                } catch (DatasetNotFoundException e) {
                    // deleted meanwhile; if the whole knowledge base went, adding the page says so
                }
            }
            add(event, url);
        }
        if (throttle.due() && !store.progress(importId, new PageCounts(added, failed, skipped))) {
            throw new Stop(true);
        }
    }

    private void add(CrawlEvent event, String url) {
        switch (event) {
            case CrawlEvent.PageLoaded p when p.text().isBlank() -> fail(url, url + " has no readable text");
            case CrawlEvent.PageLoaded p -> {
                try {
                    documents.addWebPage(author, datasetId, url, p.text().title(), p.text().text(), importId);
                    added++;
                } catch (IllegalArgumentException e) { // too large or empty: kept as a failed page with the reason
                    fail(url, e.getMessage());
                }
            }
            case CrawlEvent.PageFailed f -> fail(url, f.reason());
        }
    }

    private void fail(String url, String reason) {
        documents.addFailedWebPage(author, datasetId, url, reason, importId);
        failed++;
    }
}
