package dev.weft.ui.studio;

import dev.weft.app.definition.AppMode;

/** The names the console shows for app modes, as Dify's UI names them, and what each is for. */
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

    static String description(AppMode mode) {
        return switch (mode) {
            case CHAT -> "A simple chat assistant: one model, a prompt and conversation memory.";
            case ADVANCED_CHAT -> "A chat app built as a graph: retrieval, branches and several models per message.";
            case WORKFLOW -> "Runs a graph once on its inputs and returns outputs; for automation and batch jobs.";
            case COMPLETION -> "Generates text from a form of inputs, such as a summary or a translation.";
        };
    }
}
