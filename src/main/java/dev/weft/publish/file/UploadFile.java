package dev.weft.publish.file;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A file an end user uploaded to an app, to pass into runs as {@code {transfer_method: local_file, upload_file_id}}. */
@Entity
@Table(name = "upload_file")
public class UploadFile {

    @Id
    private String id;

    @Column(name = "app_id", nullable = false)
    private String appId;

    @Column(nullable = false)
    private String name;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(nullable = false)
    private String extension;

    @Column(name = "mime_type", nullable = false)
    private String mimeType;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UploadFile() {}

    UploadFile(String id, String appId, String name, long size, String extension, String mimeType, String createdBy) {
        this.id = id;
        this.appId = appId;
        this.name = name;
        this.size = size;
        this.extension = extension;
        this.mimeType = mimeType;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public String getAppId() {
        return appId;
    }

    public String getName() {
        return name;
    }

    public long getSize() {
        return size;
    }

    public String getExtension() {
        return extension;
    }

    public String getMimeType() {
        return mimeType;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Dify's file type: image, document, audio, video or custom. */
    public String fileType() {
        return FileKinds.typeOf(extension);
    }
}
