package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.publish.auth.ServiceCaller;
import org.springframework.stereotype.Component;

/** The app of a Service API caller, and the checks that the route suits its mode. */
@Component
public class ServiceApps {

    private final AppService apps;

    ServiceApps(AppService apps) {
        this.apps = apps;
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
