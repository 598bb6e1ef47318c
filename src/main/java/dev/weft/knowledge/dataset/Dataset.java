package dev.weft.knowledge.dataset;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A knowledge base: documents split into chunks, embedded with one embedding model and searched with its
 * retrieval settings. Changing the embedding model re-indexes every document.
 */
@Entity
@Table(name = "dataset")
public class Dataset {

    @Id
    private String id;

    @Column(name = "workspace_id", nullable = false)
    private String workspaceId;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(nullable = false)
    @Convert(converter = EnumColumns.Permission.class)
    private DatasetPermission permission;

    @Column(name = "embedding_model", nullable = false)
    private String embeddingModel;

    @Column(name = "chunk_settings", nullable = false)
    private String chunkSettings;

    @Column(name = "retrieval_settings", nullable = false)
    private String retrievalSettings;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Dataset() {}

    Dataset(String workspaceId, String name, String description, DatasetPermission permission, String embeddingModel,
            ChunkSettings chunkSettings, RetrievalSettings retrievalSettings, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.workspaceId = workspaceId;
        this.name = name;
        this.description = description;
        this.permission = permission;
        this.embeddingModel = embeddingModel;
        this.chunkSettings = KnowledgeJson.write(chunkSettings);
        this.retrievalSettings = KnowledgeJson.write(retrievalSettings);
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void rename(String newName, String newDescription) {
        this.name = newName;
        this.description = newDescription;
        touch();
    }

    void setPermission(DatasetPermission permission) {
        this.permission = permission;
        touch();
    }

    void setEmbeddingModel(String embeddingModel) {
        this.embeddingModel = embeddingModel;
        touch();
    }

    void setChunkSettings(ChunkSettings settings) {
        this.chunkSettings = KnowledgeJson.write(settings);
        touch();
    }

    void setRetrievalSettings(RetrievalSettings settings) {
        this.retrievalSettings = KnowledgeJson.write(settings);
        touch();
    }

    void touch() {
        this.updatedAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public DatasetPermission getPermission() {
        return permission;
    }

    public String getEmbeddingModel() {
        return embeddingModel;
    }

    public ChunkSettings getChunkSettings() {
        return KnowledgeJson.read(chunkSettings, ChunkSettings.class, ChunkSettings.DEFAULT);
    }

    public RetrievalSettings getRetrievalSettings() {
        return KnowledgeJson.read(retrievalSettings, RetrievalSettings.class, RetrievalSettings.DEFAULT);
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
