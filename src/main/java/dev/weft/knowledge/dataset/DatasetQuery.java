package dev.weft.knowledge.dataset;

import dev.weft.knowledge.retrieve.RetrievalSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One search of a dataset, kept as its retrieval history (Dify's dataset_queries): the query, the settings it ran
 * with, how many hits it found and how long the search took; a retrieval test names the account that ran it, an
 * app's search names the app and the run. Written once, never changed.
 */
@Entity
@Table(name = "dataset_query")
public class DatasetQuery {

    /** The longest user identifier kept (the Service API takes {@code user} strings up to 255 characters). */
    static final int MAX_USER = 255;

    /** {@link #getCreatedByRole()} of a retrieval test, or of an app's search when a console account ran the app. */
    public static final String ACCOUNT = "account";
    /** {@link #getCreatedByRole()} of an app's search that an end user (Service API, web app) ran. */
    public static final String END_USER = "end_user";

    @Id
    private String id;

    @Column(name = "dataset_id", nullable = false)
    private String datasetId;

    @Column(nullable = false)
    private String content;

    @Column(nullable = false)
    @Convert(converter = EnumColumns.QuerySource.class)
    private DatasetQuerySource source;

    @Column(name = "source_app_id")
    private String sourceAppId;

    @Column(name = "source_run_id")
    private String sourceRunId;

    @Column(name = "retrieval_settings", nullable = false)
    private String retrievalSettings;

    @Column(name = "hit_count", nullable = false)
    private int hitCount;

    @Column(name = "elapsed_ms", nullable = false)
    private long elapsedMs;

    @Column(name = "created_by")
    private String createdBy;

    /** {@link #ACCOUNT} or {@link #END_USER}. */
    @Column(name = "created_by_role")
    private String createdByRole;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DatasetQuery() {}

    private DatasetQuery(String datasetId, String content, DatasetQuerySource source, RetrievalSettings settings,
            int hitCount, long elapsedMs) {
        this.id = UUID.randomUUID().toString();
        this.datasetId = datasetId;
        this.content = content;
        this.source = source;
        this.retrievalSettings = KnowledgeJson.write(settings);
        this.hitCount = hitCount;
        this.elapsedMs = elapsedMs;
        this.createdAt = Instant.now();
    }

    /** A retrieval test run by {@code accountId}. */
    static DatasetQuery hitTesting(String datasetId, String content, RetrievalSettings settings, int hitCount,
            long elapsedMs, String accountId) {
        DatasetQuery q = new DatasetQuery(datasetId, content, DatasetQuerySource.HIT_TESTING, settings, hitCount, elapsedMs);
        q.createdBy = accountId;
        q.createdByRole = ACCOUNT;
        return q;
    }

    /**
     * A search made by a knowledge retrieval node of app {@code appId} in run {@code runId}, which {@code user} (the
     * run's {@code sys.user_id}, cut to {@value #MAX_USER} characters) of role {@code role} started.
     */
    static DatasetQuery app(String datasetId, String content, RetrievalSettings settings, int hitCount, long elapsedMs,
            String appId, String runId, String user, String role) {
        DatasetQuery q = new DatasetQuery(datasetId, content, DatasetQuerySource.APP, settings, hitCount, elapsedMs);
        q.sourceAppId = appId;
        q.sourceRunId = runId;
        q.createdBy = user == null || user.length() <= MAX_USER ? user : user.substring(0, MAX_USER);
        q.createdByRole = user == null ? null : role;
        return q;
    }

    /** {@link #ACCOUNT}, {@link #END_USER}, or null when nobody was recorded (app searches before Weft kept the user). */
    public String getCreatedByRole() {
        return createdByRole;
    }

    public String getId() {
        return id;
    }

    public String getDatasetId() {
        return datasetId;
    }

    public String getContent() {
        return content;
    }

    public DatasetQuerySource getSource() {
        return source;
    }

    public String getSourceAppId() {
        return sourceAppId;
    }

    public String getSourceRunId() {
        return sourceRunId;
    }

    public RetrievalSettings getRetrievalSettings() {
        return KnowledgeJson.read(retrievalSettings, RetrievalSettings.class, RetrievalSettings.DEFAULT);
    }

    public int getHitCount() {
        return hitCount;
    }

    public long getElapsedMs() {
        return elapsedMs;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
