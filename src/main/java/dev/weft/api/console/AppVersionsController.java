package dev.weft.api.console;

import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Publishing an app's draft as an immutable version, listing versions, and restoring one into the draft. */
@RestController
@RequestMapping("/api/apps/{appId}")
class AppVersionsController {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PublishRequest(String name, String releaseNotes) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PublishedVersion(int version, String id, long createdAt) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record VersionSummary(String id, int version, String name, String releaseNotes, String createdBy, long createdAt) {

        static VersionSummary of(AppVersion v) {
            return new VersionSummary(v.getId(), v.getVersion(), v.getName(), v.getReleaseNotes(), v.getCreatedBy(),
                    v.getCreatedAt().getEpochSecond());
        }
    }

    private final AppService apps;
    private final ConsoleWorkspace caller;

    AppVersionsController(AppService apps, ConsoleWorkspace caller) {
        this.apps = apps;
        this.caller = caller;
    }

    @PostMapping("/publish")
    PublishedVersion publish(@PathVariable String appId, @RequestBody(required = false) PublishRequest request) {
        caller.app(appId);
        PublishRequest r = request == null ? new PublishRequest(null, null) : request;
        AppVersion v = apps.publish(appId, r.name(), r.releaseNotes(), caller.account().getId());
        return new PublishedVersion(v.getVersion(), v.getId(), v.getCreatedAt().getEpochSecond());
    }

    @GetMapping("/versions")
    ListResponse<VersionSummary> versions(@PathVariable String appId) {
        caller.app(appId);
        return new ListResponse<>(apps.versions(appId).stream().map(VersionSummary::of).toList());
    }

    @PostMapping("/versions/{number}/restore")
    Map<String, Object> restore(@PathVariable String appId, @PathVariable int number) {
        caller.app(appId);
        apps.restore(appId, number, caller.account().getId());
        return Map.of("result", "success", "updated_at", apps.get(appId).getUpdatedAt().getEpochSecond());
    }
}
