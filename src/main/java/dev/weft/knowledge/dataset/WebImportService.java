package dev.weft.knowledge.dataset;

import dev.weft.knowledge.web.CrawlEvent;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.knowledge.web.CrawlSummary;
import dev.weft.knowledge.web.WebCrawler;
import dev.weft.security.Account;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports web pages into a dataset: one URL, or a crawl (depth, page limit, same site, sitemap, robots.txt, the
 * outbound address guard on every request). The crawl runs in the background; each page becomes a document as soon
 * as it is read and is queued for indexing, and a page that cannot be read becomes a failed document with the reason.
 */
@Service
public class WebImportService {

    private static final Logger log = LoggerFactory.getLogger(WebImportService.class);

    private final WebCrawler crawler;
    private final DocumentService documents;
    private final DatasetService datasets;
    private final Map<String, WebImport> imports = new ConcurrentHashMap<>();

    public WebImportService(WebCrawler crawler, DocumentService documents, DatasetService datasets) {
        this.crawler = crawler;
        this.documents = documents;
        this.datasets = datasets;
    }

    /** A running or finished import: pages turned into documents so far, failures, and the crawl's summary. */
    public record WebImport(String id, String datasetId, CrawlOptions options, Instant startedAt, String status,
            int pagesAdded, int pagesFailed, CrawlSummary summary, String error) {}

    public WebImport start(Account author, String datasetId, CrawlOptions options) {
        Dataset dataset = datasets.get(author, datasetId);
        String scheme = options.startUrl().getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("the URL must start with http:// or https://");
        }
        String id = UUID.randomUUID().toString();
        WebImport started = new WebImport(id, dataset.getId(), options, Instant.now(), "running", 0, 0, null, null);
        imports.put(id, started);
        AtomicInteger added = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Thread.ofVirtual().name("weft-web-import-" + id).start(() -> {
            try {
                CrawlSummary summary = crawler.crawl(options, event -> {
                    switch (event) {
                        case CrawlEvent.PageLoaded p -> {
                            if (p.text().isBlank()) {
                                documents.addFailedWebPage(author, dataset.getId(), p.url().toString(),
                                        p.url() + " has no readable text");
                                failed.incrementAndGet();
                            } else {
                                documents.addWebPage(author, dataset.getId(), p.url().toString(), p.text().title(),
                                        p.text().text());
                                added.incrementAndGet();
                            }
                        }
                        case CrawlEvent.PageFailed f -> {
                            documents.addFailedWebPage(author, dataset.getId(), f.url().toString(), f.reason());
                            failed.incrementAndGet();
                        }
                    }
                    imports.computeIfPresent(id, (k, w) -> new WebImport(id, w.datasetId(), options, w.startedAt(),
                            "running", added.get(), failed.get(), null, null));
                });
                imports.put(id, new WebImport(id, dataset.getId(), options, started.startedAt(), "completed",
                        added.get(), failed.get(), summary, null));
            } catch (RuntimeException e) {
                log.warn("web import {} failed", id, e);
                imports.put(id, new WebImport(id, dataset.getId(), options, started.startedAt(), "error",
                        added.get(), failed.get(), null, e.getMessage()));
            }
        });
        return started;
    }

    public WebImport get(Account viewer, String datasetId, String importId) {
        Dataset dataset = datasets.get(viewer, datasetId);
        WebImport found = imports.get(importId);
        if (found == null || !found.datasetId().equals(dataset.getId())) {
            throw new DatasetNotFoundException("no web import with id '" + importId + "'");
        }
        return found;
    }
}
