package dev.weft.ui.studio;

import dev.weft.app.definition.AppMode;

/** The names the console shows for app modes, as Dify's UI names them. */
final class AppModeLabels {

    private AppModeLabels() {}

    static String label(AppMode mode) {
        return switch (mode) {
            case CHAT -> "Chatbot";
            case ADVANCED_CHAT -> "Chatflow";
            case WORKFLOW -> "Workflow";
            case COMPLETION -> "Text generator";
        };
    }
}
