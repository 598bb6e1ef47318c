package dev.weft.knowledge.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import tools.jackson.core.type.TypeReference;

/**
 * A document of a dataset: an uploaded file, a web page or pasted text, kept as a file under the data directory so
 * that indexing can be resumed or redone. Its status row is also its place in the indexing queue.
 */
@Entity
@Table(name = "kb_document")
@DynamicUpdate // the indexing worker's status writes must not put back a name or flag changed meanwhile by an edit
public class DatasetDocument {

    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

    @Id
    private String id;

    @Column(name = "dataset_id", nullable = false)
    private String datasetId;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String name;

    @Column(name = "source_type", nullable = false)
    @Convert(converter = EnumColumns.Source.class)
    private DocumentSourceType sourceType;

    @Column(name = "source_url")
    private String sourceUrl;

    @Column(name = "file_path")
    private String filePath;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false)
    @Convert(converter = EnumColumns.Status.class)
    private DocumentStatus status;

    private String error;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false)
    private boolean archived;

    private String metadata;

    @Column(name = "word_count", nullable = false)
    private int wordCount;

    @Column(name = "token_count", nullable = false)
    private int tokenCount;

    @Column(name = "chunks_total", nullable = false)
    private int chunksTotal;

    @Column(name = "chunks_done", nullable = false)
    private int chunksDone;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "web_import_id")
    private String webImportId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "queued_at", nullable = false)
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected DatasetDocument() {}

    DatasetDocument(String datasetId, int position, String name, DocumentSourceType sourceType, String sourceUrl,
            String contentType, long sizeBytes, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.datasetId = datasetId;
        this.position = position;
        this.name = name;
        this.sourceType = sourceType;
        this.sourceUrl = sourceUrl;
        this.contentType = contentType;
        this.sizeBytes = sizeBytes;
        this.status = DocumentStatus.WAITING;
        this.enabled = true;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
        this.queuedAt = createdAt;
    }

    /** The web import this page came from. */
    void fromWebImport(String importId) {
        this.webImportId = importId;
    }

    void stored(String filePath, long sizeBytes) {
        this.filePath = filePath;
        this.sizeBytes = sizeBytes;
    }

    /** Back to the queue from the start: parse, split and embed again. */
    void requeue() {
        this.status = DocumentStatus.WAITING;
        this.error = null;
        this.chunksDone = 0;
        this.chunksTotal = 0;
        this.queuedAt = Instant.now();
        this.completedAt = null;
        this.attempts = 0;
        touch();
    }

    void moveTo(DocumentStatus next) {
        if (next == DocumentStatus.PARSING && status != DocumentStatus.PARSING) {
            this.startedAt = Instant.now();
            this.attempts++;
        }
        this.status = next;
        if (next == DocumentStatus.COMPLETED) {
            this.completedAt = Instant.now();
            this.error = null;
        }
        touch();
    }

    void fail(String reason) {
        this.status = DocumentStatus.ERROR;
        this.error = reason == null ? "indexing failed" : (reason.length() > 4000 ? reason.substring(0, 3997) + "..." : reason);
        this.completedAt = Instant.now();
        touch();
    }

    void pause() {
        this.status = DocumentStatus.PAUSED;
        touch();
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
        touch();
    }

    /** New content from another source file: the caller requeues the document afterwards. */
    void replaceSource(String newName, DocumentSourceType type, String contentType, String filePath, long sizeBytes) {
        this.name = newName;
        this.sourceType = type;
        this.contentType = contentType;
        this.filePath = filePath;
        this.sizeBytes = sizeBytes;
        touch();
    }

    /** Chunks added or removed by hand (already indexed): the counts follow. */
    void chunksChanged(int embeddedDelta, int wordsDelta, int tokensDelta) {
        this.chunksTotal = Math.max(0, chunksTotal + embeddedDelta);
        this.chunksDone = Math.max(0, chunksDone + embeddedDelta);
        this.wordCount = Math.max(0, wordCount + wordsDelta);
        this.tokenCount = Math.max(0, tokenCount + tokensDelta);
        touch();
    }

    void setArchived(boolean archived) {
        this.archived = archived;
        touch();
    }

    void rename(String newName) {
        this.name = newName;
        touch();
    }

    void setMetadata(Map<String, String> values) {
        this.metadata = values == null || values.isEmpty() ? null : KnowledgeJson.write(values);
        touch();
    }

    void splitInto(int chunks, int words, int tokens) {
        this.chunksTotal = chunks;
        this.chunksDone = 0;
        this.wordCount = words;
        this.tokenCount = tokens;
        touch();
    }

    void setChunksDone(int done) {
        this.chunksDone = done;
        touch();
    }

    void touch() {
        this.updatedAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public String getDatasetId() {
        return datasetId;
    }

    public int getPosition() {
        return position;
    }

    public String getName() {
        return name;
    }

    public DocumentSourceType getSourceType() {
        return sourceType;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    public String getFilePath() {
        return filePath;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public DocumentStatus getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** Archived (Dify): still listed, left out of retrieval, not editable until un-archived. */
    public boolean isArchived() {
        return archived;
    }

    /** True when its chunks may be found: enabled and not archived. */
    public boolean isSearchable() {
        return enabled && !archived;
    }

    public Map<String, String> getMetadata() {
        return metadata == null ? Map.of() : KnowledgeJson.MAPPER.readValue(metadata, STRING_MAP);
    }

    public int getWordCount() {
        return wordCount;
    }

    public int getTokenCount() {
        return tokenCount;
    }

    public int getChunksTotal() {
        return chunksTotal;
    }

    public int getChunksDone() {
        return chunksDone;
    }

    public int getAttempts() {
        return attempts;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    /** The web import that added this page, or null. */
    public String getWebImportId() {
        return webImportId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getQueuedAt() {
        return queuedAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    /** Dify's display status: queuing, indexing, paused, error, available, disabled, archived. */
    public String displayStatus() {
        if (archived) {
            return "archived";
        }
        return switch (status) {
            case WAITING -> "queuing";
            case PARSING, CLEANING, SPLITTING, INDEXING -> "indexing";
            case PAUSED -> "paused";
            case ERROR -> "error";
            case COMPLETED -> enabled ? "available" : "disabled";
        };
    }
}
