package dev.weft.api.console;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's apps: list, create, read, rename or describe, delete. */
@RestController
@RequestMapping("/api/apps")
class AppsController {

    /** {@code mode}: chat, completion, workflow or advanced-chat; the new app's draft is that mode's starter graph. */
    record CreateAppRequest(String name, String mode, String description) {}

    /** Fields left out (null) keep their value. */
    record UpdateAppRequest(String name, String description, String icon) {}

    private final AppService apps;
    private final ConsoleWorkspace caller;

    AppsController(AppService apps, ConsoleWorkspace caller) {
        this.apps = apps;
        this.caller = caller;
    }

    @GetMapping
    ListResponse<AppSummary> list() {
        return new ListResponse<>(apps.list(caller.workspaceId()).stream().map(AppSummary::of).toList());
    }

    @PostMapping
    ResponseEntity<AppSummary> create(@RequestBody CreateAppRequest request) {
        if (request.mode() == null || request.mode().isBlank()) {
            throw new IllegalArgumentException("the app mode is required: chat, completion, workflow or advanced-chat");
        }
        var account = caller.account();
        App app = apps.create(account.getWorkspaceId(), request.name(), AppMode.of(request.mode()), request.description(),
                account.getId());
        return ResponseEntity.status(HttpStatus.CREATED).body(AppSummary.of(app));
    }

    @GetMapping("/{appId}")
    AppSummary get(@PathVariable String appId) {
        return AppSummary.of(caller.app(appId));
    }

    @PatchMapping("/{appId}")
    AppSummary update(@PathVariable String appId, @RequestBody UpdateAppRequest request) {
        App app = caller.app(appId);
        return AppSummary.of(apps.updateDetails(appId,
                request.name() != null ? request.name() : app.getName(),
                request.description() != null ? request.description() : app.getDescription(),
                request.icon() != null ? request.icon() : app.getIcon()));
    }

    @DeleteMapping("/{appId}")
    ResponseEntity<Void> delete(@PathVariable String appId) {
        apps.delete(caller.app(appId).getId());
        return ResponseEntity.noContent().build();
    }
}
