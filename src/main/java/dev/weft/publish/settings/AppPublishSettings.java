package dev.weft.publish.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How an app is published: whether its Service API is on, its request limits and its CORS origins. */
@Entity
@Table(name = "app_publish_settings")
class AppPublishSettings {

    @Id
    @Column(name = "app_id")
    private String appId;

    @Column(name = "api_enabled", nullable = false)
    private boolean apiEnabled;

    @Column(name = "requests_per_minute", nullable = false)
    private int requestsPerMinute;

    @Column(name = "max_concurrent_runs", nullable = false)
    private int maxConcurrentRuns;

    @Column(name = "cors_origins")
    private String corsOrigins;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected AppPublishSettings() {}

    AppPublishSettings(String appId) {
        this.appId = appId;
    }

    void apply(PublishSettings s) {
        this.apiEnabled = s.apiEnabled();
        this.requestsPerMinute = s.requestsPerMinute();
        this.maxConcurrentRuns = s.maxConcurrentRuns();
        this.corsOrigins = String.join("\n", s.corsOrigins());
        this.updatedAt = Instant.now();
    }

    PublishSettings toValue() {
        return new PublishSettings(apiEnabled, requestsPerMinute, maxConcurrentRuns,
                corsOrigins == null || corsOrigins.isBlank() ? java.util.List.of() : java.util.List.of(corsOrigins.split("\n")));
    }

    String getAppId() {
        return appId;
    }
}
