package dev.weft.knowledge.webimport;

import dev.weft.knowledge.dataset.KnowledgeJson;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.knowledge.web.CrawlSummary;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One web import into a dataset: what to crawl, where it stands, its page counts, when it started and finished, the
 * crawl's summary and, when it ended in error or was interrupted, why.
 */
@Entity
@Table(name = "kb_web_import")
public class WebImport {

    @Id
    private String id;

    @Column(name = "dataset_id", nullable = false)
    private String datasetId;

    @Column(nullable = false)
    private String options;

    @Column(nullable = false)
    @Convert(converter = WebImportStatus.Column.class)
    private WebImportStatus status;

    @Column(name = "pages_added", nullable = false)
    private int pagesAdded;

    @Column(name = "pages_failed", nullable = false)
    private int pagesFailed;

    @Column(name = "pages_skipped", nullable = false)
    private int pagesSkipped;

    private String summary;

    private String error;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected WebImport() {}

    WebImport(String datasetId, CrawlOptions options, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.datasetId = datasetId;
        this.options = KnowledgeJson.write(options);
        this.status = WebImportStatus.RUNNING;
        this.createdBy = createdBy;
        this.startedAt = Instant.now();
        this.updatedAt = startedAt;
    }

    /** Running again (after an interruption or error), from the pages it has so far. */
    void restart(PageCounts counts) {
        this.status = WebImportStatus.RUNNING;
        this.summary = null;
        this.error = null;
        this.finishedAt = null;
        count(counts);
    }

    /** Ended: completed (with the crawl's summary), in error or interrupted (with the reason). */
    void end(WebImportStatus outcome, PageCounts counts, CrawlSummary crawlSummary, String reason) {
        this.status = outcome;
        this.summary = KnowledgeJson.write(crawlSummary);
        this.error = reason == null || reason.length() <= 4000 ? reason : reason.substring(0, 3997) + "...";
        this.finishedAt = Instant.now();
        count(counts);
    }

    private void count(PageCounts counts) {
        this.pagesAdded = counts.added();
        this.pagesFailed = counts.failed();
        this.pagesSkipped = counts.skipped();
        this.updatedAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public String getDatasetId() {
        return datasetId;
    }

    public CrawlOptions getOptions() {
        return KnowledgeJson.read(options, CrawlOptions.class, null);
    }

    public WebImportStatus getStatus() {
        return status;
    }

    public PageCounts getCounts() {
        return new PageCounts(pagesAdded, pagesFailed, pagesSkipped);
    }

    /** The crawl's summary once it completed, else null. */
    public CrawlSummary getSummary() {
        return KnowledgeJson.read(summary, CrawlSummary.class, null);
    }

    public String getError() {
        return error;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
