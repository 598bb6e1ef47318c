package dev.weft.knowledge.dataset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A metadata field of a dataset (Dify's {@code doc_metadata} definitions): a name and a type, {@code string},
 * {@code number} or {@code time}. Documents keep their values in their own metadata, keyed by the field's name.
 */
@Entity
@Table(name = "kb_metadata_field")
public class MetadataField {

    @Id
    private String id;

    @Column(name = "dataset_id", nullable = false)
    private String datasetId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String type;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected MetadataField() {}

    MetadataField(String datasetId, String name, String type, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.datasetId = datasetId;
        this.name = name;
        this.type = type;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    void rename(String newName) {
        this.name = newName;
    }

    public String getId() {
        return id;
    }

    public String getDatasetId() {
        return datasetId;
    }

    public String getName() {
        return name;
    }

    public String getType() {
        return type;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
