package dev.weft.app;

import dev.weft.app.definition.AppMode;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An app of a workspace: its name and mode. The graph lives in its {@link AppVersion}s. */
@Entity
@Table(name = "app")
public class App {

    @Id
    private String id;

    @Column(name = "workspace_id", nullable = false)
    private String workspaceId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    @Convert(converter = AppModeConverter.class)
    private AppMode mode;

    private String description;

    private String icon;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected App() {}

    App(String workspaceId, String name, AppMode mode, String description, String icon) {
        this.id = UUID.randomUUID().toString();
        this.workspaceId = workspaceId;
        this.name = name;
        this.mode = mode;
        this.description = description;
        this.icon = icon;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void updateDetails(String newName, String newDescription, String newIcon) {
        this.name = newName;
        this.description = newDescription;
        this.icon = newIcon;
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

    public AppMode getMode() {
        return mode;
    }

    public String getDescription() {
        return description;
    }

    public String getIcon() {
        return icon;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
