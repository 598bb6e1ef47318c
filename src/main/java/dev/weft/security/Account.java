package dev.weft.security;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;

/** A person who signs in to the console. The password is kept only as a BCrypt hash. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private String id;

    @Column(name = "workspace_id", nullable = false)
    private String workspaceId;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    @Convert(converter = AccountRole.Converter.class)
    private AccountRole role;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** True for a copy acting for a workspace-wide key: it reaches every knowledge base of the workspace. */
    @Transient
    private boolean wholeWorkspace;

    protected Account() {}

    public Account(String workspaceId, String email, String displayName, String passwordHash, AccountRole role) {
        this.id = UUID.randomUUID().toString();
        this.workspaceId = workspaceId;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public AccountRole getRole() {
        return role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /**
     * A detached copy of this account that acts for a Knowledge API key of its workspace: what it creates is
     * recorded as this account's, and every knowledge base of the workspace is in its reach (Dify's dataset keys are
     * workspace-wide), whatever the knowledge base's own permission.
     */
    public Account actingForWorkspaceKey() {
        Account copy = new Account();
        copy.id = id;
        copy.workspaceId = workspaceId;
        copy.email = email;
        copy.displayName = displayName;
        copy.passwordHash = passwordHash;
        copy.role = role;
        copy.createdAt = createdAt;
        copy.wholeWorkspace = true;
        return copy;
    }

    /** True when this account acts for a workspace-wide key ({@link #actingForWorkspaceKey()}). */
    public boolean reachesWholeWorkspace() {
        return wholeWorkspace;
    }
}
