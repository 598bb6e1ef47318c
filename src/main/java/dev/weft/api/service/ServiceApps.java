package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.publish.auth.ServiceCaller;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The app of a Service API caller, and the checks that the route suits its mode. */
@Component
public class ServiceApps {

    /** How long an app's mode is kept: it never changes, but a deleted app must stop answering soon. */
    static final long MODE_TTL_NANOS = 5_000_000_000L;

    private record KeptMode(AppMode mode, long expiresAtNanos) {}

    private final AppService apps;
    private final Map<String, KeptMode> modes = new ConcurrentHashMap<>();

    ServiceApps(AppService apps) {
        this.apps = apps;
    }

    /**
     * The mode of the caller's app, if it is a chatbot or chatflow (else 400 {@code not_chat_app}), without
     * reading the app on every request: for routes that need no more of the app than its id and mode.
     */
    public AppMode chatMode(ServiceCaller caller) {
        long now = System.nanoTime();
        KeptMode kept = modes.get(caller.appId());
        if (kept == null || now - kept.expiresAtNanos() >= 0) {
            kept = new KeptMode(chatApp(caller).getMode(), now + MODE_TTL_NANOS);
            if (modes.size() > 10_000) {
                modes.clear();
            }
            modes.put(caller.appId(), kept);
        }
        return kept.mode();
    }

    public App app(ServiceCaller caller) {
        return apps.find(caller.appId())
                .orElseThrow(() -> new ServiceApiException(401, "unauthorized", "Access token is invalid"));
    }

    /** The app, if it is a chatbot or chatflow; else 400 {@code not_chat_app}. */
    public App chatApp(ServiceCaller caller) {
        App app = app(caller);
        if (!app.getMode().isChat()) {
            throw new ServiceApiException(400, "not_chat_app", "Please check if your app mode matches the right API route. "
                    + "This is a " + app.getMode().value() + " app; chat-messages needs a chat or advanced-chat app.");
        }
        return app;
    }

    /** The app, if it is a text generator; else 400 {@code app_unavailable}. */
    App completionApp(ServiceCaller caller) {
        App app = app(caller);
        if (app.getMode() != AppMode.COMPLETION) {
            throw new ServiceApiException(400, "app_unavailable", "Please check if your app mode matches the right API route. "
                    + "This is a " + app.getMode().value() + " app; completion-messages needs a completion app.");
        }
        return app;
    }

    /** The app, if it is a workflow; else 400 {@code not_workflow_app}. */
    App workflowApp(ServiceCaller caller) {
        App app = app(caller);
        if (app.getMode() != AppMode.WORKFLOW) {
            throw new ServiceApiException(400, "not_workflow_app", "Please check if your app mode matches the right API route. "
                    + "This is a " + app.getMode().value() + " app; workflows/run needs a workflow app.");
        }
        return app;
    }

    static String requireUser(String user) {
        if (user == null || user.isBlank()) {
            throw new ServiceApiException(400, "invalid_param", "user is required: the caller's id for its end user");
        }
        if (user.length() > 255) {
            throw ServiceApiException.invalid("user is longer than 255 characters");
        }
        return user;
    }
}
