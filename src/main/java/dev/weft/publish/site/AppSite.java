package dev.weft.publish.site;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An app's public web app: the share token in its URL and whether it answers. */
@Entity
@Table(name = "app_site")
public class AppSite {

    @Id
    @Column(name = "app_id")
    private String appId;

    @Column(nullable = false)
    private String token;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AppSite() {}

    AppSite(String appId, String token) {
        this.appId = appId;
        this.token = token;
        this.enabled = true;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    void changeToken(String newToken) {
        this.token = newToken;
        this.updatedAt = Instant.now();
    }

    void enable(boolean on) {
        this.enabled = on;
        this.updatedAt = Instant.now();
    }

    public String getAppId() {
        return appId;
    }

    public String getToken() {
        return token;
    }

    public boolean isEnabled() {
        return enabled;
    }
}
