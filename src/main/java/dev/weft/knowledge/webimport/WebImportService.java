package dev.weft.knowledge.webimport;

import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetNotFoundException;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.security.Account;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/**
 * Imports web pages into a dataset: one URL, or a crawl (depth, page limit, same site, sitemap, robots.txt, the
 * outbound address guard on every request). The crawl runs in the background; each page becomes a document as soon
 * as it is read and is queued for indexing, and a page that cannot be read becomes a failed document with the reason.
 * Imports and their progress are kept in the database; one that was interrupted, or ended in error, can be started
 * again: it crawls the same pages and skips those it imported already.
 */
@Service
public class WebImportService {

    /** How many imports {@link #list} shows. */
    public static final int LIST_LIMIT = 50;

    private final DatasetService datasets;
    private final WebImportRepository imports;
    private final WebImportStore store;
    private final WebImportRunner runner;

    WebImportService(DatasetService datasets, WebImportRepository imports, WebImportStore store,
            WebImportRunner runner) {
        this.datasets = datasets;
        this.imports = imports;
        this.store = store;
        this.runner = runner;
    }

    public WebImport start(Account author, String datasetId, CrawlOptions options) {
        Dataset dataset = datasets.get(author, datasetId);
        String scheme = options.startUrl().getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("the URL must start with http:// or https://");
        }
        WebImport created = store.create(dataset.getId(), options, author.getId());
        runner.launch(created, author, PreviousPages.NONE);
        return created;
    }

    /**
     * Starts an interrupted or failed import again as {@code author}: the same crawl, skipping the pages it imported
     * already (documents of this import that are completed, queued or paused) and reading again those that failed.
     */
    public synchronized WebImport restart(Account author, String datasetId, String importId) {
        WebImport found = get(author, datasetId, importId);
        if (found.getStatus() == WebImportStatus.RUNNING || runner.isRunning(found.getId())) {
            throw new IllegalArgumentException("this import is still running; wait until it ends");
        }
        if (found.getStatus() == WebImportStatus.COMPLETED) {
            throw new IllegalArgumentException("this import completed; start a new import to read the pages again");
        }
        WebImport restarted = store.restart(found);
        runner.launch(restarted, author, new PreviousPages(store.pages(restarted.getId())));
        return restarted;
    }

    public WebImport get(Account viewer, String datasetId, String importId) {
        Dataset dataset = datasets.get(viewer, datasetId);
        return imports.findById(importId).filter(i -> i.getDatasetId().equals(dataset.getId()))
                .orElseThrow(() -> new DatasetNotFoundException("no web import with id '" + importId + "'"));
    }

    /** The dataset's latest {@value #LIST_LIMIT} imports, newest first. */
    public List<WebImport> list(Account viewer, String datasetId) {
        Dataset dataset = datasets.get(viewer, datasetId);
        return imports.findByDatasetIdOrderByStartedAtDesc(dataset.getId(), PageRequest.of(0, LIST_LIMIT));
    }
}
