package dev.weft.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One definition of an app, as JSON. Version {@value #DRAFT} is the app's single editable draft; published
 * versions are numbered 1, 2, 3... and can never be changed: updating one fails before it reaches the database.
 */
@Entity
@Table(name = "app_version")
public class AppVersion {

    public static final int DRAFT = 0;

    @Id
    private String id;

    @Column(name = "app_id", nullable = false)
    private String appId;

    @Column(nullable = false)
    private int version;

    @Column(nullable = false)
    private String definition;

    private String name;

    @Column(name = "release_notes")
    private String releaseNotes;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AppVersion() {}

    private AppVersion(String appId, int version, String definition, String name, String releaseNotes, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.appId = appId;
        this.version = version;
        this.definition = definition;
        this.name = name;
        this.releaseNotes = releaseNotes;
        this.createdBy = createdBy;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    static AppVersion draft(String appId, String definitionJson, String createdBy) {
        return new AppVersion(appId, DRAFT, definitionJson, null, null, createdBy);
    }

    static AppVersion published(
            String appId, int number, String definitionJson, String name, String releaseNotes, String createdBy) {
        if (number <= DRAFT) {
            throw new IllegalArgumentException("a published version number must be 1 or more, got " + number);
        }
        return new AppVersion(appId, number, definitionJson, name, releaseNotes, createdBy);
    }

    /** Replaces the draft's definition. */
    void replaceDefinition(String definitionJson, String editedBy) {
        requireDraft();
        this.definition = definitionJson;
        this.createdBy = editedBy == null ? createdBy : editedBy;
        this.updatedAt = Instant.now();
    }

    @PreUpdate
    void requireDraft() {
        if (!isDraft()) {
            throw new IllegalStateException("version " + version + " of app " + appId + " is published and cannot change");
        }
    }

    public boolean isDraft() {
        return version == DRAFT;
    }

    public String getId() {
        return id;
    }

    public String getAppId() {
        return appId;
    }

    /** 0 for the draft, else the published version number. */
    public int getVersion() {
        return version;
    }

    /** The definition JSON as stored: secret environment variables are encrypted. */
    public String getDefinition() {
        return definition;
    }

    public String getName() {
        return name;
    }

    public String getReleaseNotes() {
        return releaseNotes;
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
