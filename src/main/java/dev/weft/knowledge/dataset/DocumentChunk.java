package dev.weft.knowledge.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * One chunk of a document (Dify's segment, or a parent/child in parent-child mode). {@code indexed} turns true
 * only once a Lucene commit holds the chunk, so a resumed job embeds exactly the chunks that are missing.
 * <p>Its id is assigned on creation, so it tells Spring Data itself that it is new ({@link Persistable}): saving a
 * new chunk is one insert, not a select by id first to decide between insert and update.
 */
@Entity
@Table(name = "kb_chunk")
public class DocumentChunk implements Persistable<String> {

    @Id
    private String id;

    @Column(name = "dataset_id", nullable = false)
    private String datasetId;

    @Column(name = "document_id", nullable = false)
    private String documentId;

    @Column(name = "parent_id")
    private String parentId;

    @Column(nullable = false)
    @Convert(converter = EnumColumns.Kind.class)
    private ChunkKind kind;

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String content;

    @Column(name = "token_count", nullable = false)
    private int tokenCount;

    @Column(name = "word_count", nullable = false)
    private int wordCount;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false)
    private boolean indexed;

    @Column(name = "hit_count", nullable = false)
    private int hitCount;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Transient
    private boolean fresh;

    protected DocumentChunk() {}

    DocumentChunk(String datasetId, String documentId, String parentId, ChunkKind kind, int position, String content,
            int tokenCount) {
        this.id = UUID.randomUUID().toString();
        this.datasetId = datasetId;
        this.documentId = documentId;
        this.parentId = parentId;
        this.kind = kind;
        this.position = position;
        this.content = content;
        this.tokenCount = tokenCount;
        this.wordCount = countWords(content);
        this.enabled = true;
        this.indexed = !kind.embedded();
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
        this.fresh = true;
    }

    @PostLoad
    @PostPersist
    void stored() {
        this.fresh = false;
    }

    /** True until the chunk is first saved; loaded chunks are not new. */
    @Override
    public boolean isNew() {
        return fresh;
    }

    static int countWords(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        return text.strip().split("\\s+").length;
    }

    void edit(String newContent, int newTokenCount) {
        this.content = newContent;
        this.tokenCount = newTokenCount;
        this.wordCount = countWords(newContent);
        this.indexed = !kind.embedded();
        this.updatedAt = Instant.now();
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
        this.updatedAt = Instant.now();
    }

    void markIndexed() {
        this.indexed = true;
    }

    @Override
    public String getId() {
        return id;
    }

    public String getDatasetId() {
        return datasetId;
    }

    public String getDocumentId() {
        return documentId;
    }

    public String getParentId() {
        return parentId;
    }

    public ChunkKind getKind() {
        return kind;
    }

    public int getPosition() {
        return position;
    }

    public String getContent() {
        return content;
    }

    public int getTokenCount() {
        return tokenCount;
    }

    public int getWordCount() {
        return wordCount;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isIndexed() {
        return indexed;
    }

    public int getHitCount() {
        return hitCount;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
