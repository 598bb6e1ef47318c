package dev.weft.api.openai;

import dev.weft.api.service.ServiceApiException;
import dev.weft.api.service.ServiceApps;
import dev.weft.app.App;
import dev.weft.publish.auth.ServiceCaller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** OpenAI's {@code GET /v1/models}: the one "model" an app key reaches, its app, named after the app. */
@RestController
@RequestMapping("/v1/models")
class ModelsController {

    private final ServiceApps apps;

    ModelsController(ServiceApps apps) {
        this.apps = apps;
    }

    @GetMapping
    Map<String, Object> list(@AuthenticationPrincipal ServiceCaller caller) {
        App app = apps.chatApp(caller);
        return Map.of("object", "list", "data", List.of(model(app)));
    }

    @GetMapping("/{model}")
    Map<String, Object> get(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String model) {
        App app = apps.chatApp(caller);
        if (!modelId(app).equals(model)) {
            throw new ServiceApiException(404, "model_not_found", "The model '" + model + "' does not exist; this key reaches '"
                    + modelId(app) + "'");
        }
        return model(app);
    }

    /** The app's name in lower case with runs of other characters as single dashes ("Support bot" → "support-bot"). */
    static String modelId(App app) {
        String slug = app.getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "weft-app" : slug;
    }

    private static Map<String, Object> model(App app) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", modelId(app));
        m.put("object", "model");
        m.put("created", app.getCreatedAt().getEpochSecond());
        m.put("owned_by", "weft");
        return m;
    }
}
