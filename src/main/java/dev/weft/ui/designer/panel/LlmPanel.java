package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** LLM: model and parameters, the prompt messages, context from knowledge retrieval, memory in chat apps. */
final class LlmPanel extends NodePanel {

    LlmPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        modelPicker("model");
        add(section("Prompt"));
        ArrayNode messages = array("prompt_template");
        for (int i = 0; i < messages.size(); i++) {
            String base = "prompt_template[" + i + "]";
            String role = str(base + ".role").isBlank() ? "user" : str(base + ".role");
            add(row(choice("Role of message " + (i + 1), base + ".role", options("system", "System", "user", "User",
                    "assistant", "Assistant"), false), removeButton("message " + (i + 1), "prompt_template", i)));
            add(prompt(label(role) + " message", base + ".text", "system".equals(role) ? 5 : 3));
        }
        add(addButton("Add message", () -> messages.addObject()
                .put("role", messages.isEmpty() || "assistant".equals(messages.get(messages.size() - 1).path("role").asString(""))
                        ? "user" : "assistant")
                .put("text", "")));
        add(section("Context"));
        add(toggle("Use context (put knowledge into the prompt as {{#context#}})", "context.enabled"));
        if (at("context.enabled") != null && at("context.enabled").asBoolean(false)) {
            add(selector("Context variable", "context.variable_selector", ctx.variables()));
        }
        if (ctx.mode() != null && ctx.mode().isChat()) {
            add(section("Memory"));
            add(toggle("Remember the conversation", "memory.window.enabled"));
            if (at("memory.window.enabled") != null && at("memory.window.enabled").asBoolean(false)) {
                add(integer("Turns to remember", "memory.window.size", 1, 100));
            }
        }
    }

    private static String label(String role) {
        return switch (role) {
            case "system" -> "System";
            case "assistant" -> "Assistant";
            default -> "User";
        };
    }
}
