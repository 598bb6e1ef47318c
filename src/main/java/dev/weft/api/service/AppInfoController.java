package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.security.WorkspaceRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/info}, {@code /v1/parameters}, {@code /v1/meta} and {@code /v1/site} (dify-reference §3.8). */
@RestController
@RequestMapping("/v1")
class AppInfoController {

    private final ServiceApps apps;
    private final WorkspaceRepository workspaces;
    private final AppParameters parameters;

    AppInfoController(ServiceApps apps, WorkspaceRepository workspaces, AppParameters parameters) {
        this.apps = apps;
        this.workspaces = workspaces;
        this.parameters = parameters;
    }

    @GetMapping("/info")
    Map<String, Object> info(@AuthenticationPrincipal ServiceCaller caller) {
        App app = apps.app(caller);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", app.getName());
        m.put("description", app.getDescription() == null ? "" : app.getDescription());
        m.put("tags", List.of());
        m.put("mode", app.getMode().value());
        m.put("author_name", workspaces.findById(app.getWorkspaceId()).map(w -> w.getName()).orElse(""));
        return m;
    }

    /** The features and input form of the version the API runs. */
    @GetMapping("/parameters")
    Map<String, Object> parameters(@AuthenticationPrincipal ServiceCaller caller) {
        return parameters.of(apps.app(caller));
    }

    @GetMapping("/meta")
    Map<String, Object> meta(@AuthenticationPrincipal ServiceCaller caller) {
        apps.app(caller);
        return Map.of("tool_icons", Map.of());
    }

    @GetMapping("/site")
    Map<String, Object> site(@AuthenticationPrincipal ServiceCaller caller) {
        App app = apps.app(caller);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", app.getName());
        m.put("chat_color_theme", null);
        m.put("chat_color_theme_inverted", false);
        m.put("icon_type", "emoji");
        m.put("icon", app.getIcon());
        m.put("icon_background", null);
        m.put("icon_url", null);
        m.put("description", app.getDescription());
        m.put("copyright", null);
        m.put("privacy_policy", null);
        m.put("input_placeholder", null);
        m.put("custom_disclaimer", "");
        m.put("default_language", "en-US");
        m.put("show_workflow_steps", false);
        m.put("use_icon_as_answer_icon", false);
        return m;
    }
}
