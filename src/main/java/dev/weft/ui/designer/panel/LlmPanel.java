package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * LLM: model and parameters, the prompt messages (each basic, with {@code {{#node.var#}}} references, or a Jinja2
 * template with its variables), context from knowledge retrieval, memory in chat apps, vision (the image variable
 * and the detail it is sent at) and structured output with its JSON schema. Fields are stored as Dify writes them:
 * {@code edition_type}/{@code jinja2_text} per message, {@code prompt_config.jinja2_variables},
 * {@code vision.enabled}/{@code vision.configs.variable_selector}/{@code vision.configs.detail},
 * {@code structured_output_enabled} and {@code structured_output.schema}.
 */
final class LlmPanel extends NodePanel {

    LlmPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        modelPicker("model");
        add(section("Prompt"));
        ArrayNode messages = array("prompt_template");
        boolean anyJinja = false;
        for (int i = 0; i < messages.size(); i++) {
            String base = "prompt_template[" + i + "]";
            String role = str(base + ".role").isBlank() ? "user" : str(base + ".role");
            boolean jinja = "jinja2".equals(str(base + ".edition_type"));
            anyJinja |= jinja;
            add(row(choice("Role of message " + (i + 1), base + ".role", options("system", "System", "user", "User",
                    "assistant", "Assistant"), false),
                    editionChoice(i, base),
                    removeButton("message " + (i + 1), "prompt_template", i)));
            if (jinja) {
                add(jinjaTemplate(label(role) + " message (Jinja2)", base + ".jinja2_text", "system".equals(role) ? 5 : 3));
            } else {
                add(prompt(label(role) + " message", base + ".text", "system".equals(role) ? 5 : 3));
            }
        }
        add(addButton("Add message", () -> messages.addObject()
                .put("role", messages.isEmpty() || "assistant".equals(messages.get(messages.size() - 1).path("role").asString(""))
                        ? "user" : "assistant")
                .put("text", "")));
        if (anyJinja) {
            jinjaVariables();
        }
        add(section("Context"));
        add(toggle("Use context (put knowledge into the prompt as {{#context#}})", "context.enabled"));
        if (on("context.enabled")) {
            add(selector("Context variable", "context.variable_selector", ctx.variables()));
        }
        if (ctx.mode() != null && ctx.mode().isChat()) {
            add(section("Memory"));
            add(toggle("Remember the conversation", "memory.window.enabled"));
            if (on("memory.window.enabled")) {
                add(integer("Turns to remember", "memory.window.size", 1, 100));
            }
        }
        vision();
        structuredOutput();
    }

    /** Basic ({{#...#}} references) or Jinja2; switching copies the text over when the other one is empty. */
    private com.vaadin.flow.component.select.Select<String> editionChoice(int index, String base) {
        com.vaadin.flow.component.select.Select<String> s = choice("Template of message " + (index + 1), base + ".edition_type",
                options("basic", "Basic", "jinja2", "Jinja2"), true);
        if (s.getValue() == null) {
            s.setValue("basic");
        }
        s.addValueChangeListener(e -> {
            // runs after choice()'s own listener has stored the value and redrawn; fills the empty side once
            if (e.isFromClient() && "jinja2".equals(e.getValue()) && str(base + ".jinja2_text").isBlank() && !str(base + ".text").isBlank()) {
                set(base + ".jinja2_text", JSON.stringNode(str(base + ".text")));
                changedAndRedraw();
            }
        });
        return s;
    }

    private TextArea jinjaTemplate(String label, String path, int rows) {
        TextArea f = area(label, path, "Hello {{ name }}{% if items %}: {{ items | join(', ') }}{% endif %}");
        f.setMinRows(rows);
        f.setHelperText("Jinja2: {{ name }} reads a variable named below; {% if %} and {% for %} work as in Python's Jinja2.");
        f.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        f.setValueChangeMode(ValueChangeMode.LAZY);
        return f;
    }

    /** The names a Jinja2 message can use, each bound to a variable of the run. */
    private void jinjaVariables() {
        add(section("Jinja2 variables"));
        ArrayNode vars = array("prompt_config.jinja2_variables");
        for (int i = 0; i < vars.size(); i++) {
            String base = "prompt_config.jinja2_variables[" + i + "]";
            add(row(text("Name of Jinja2 variable " + (i + 1), base + ".variable"),
                    selector("Value of Jinja2 variable " + (i + 1), base + ".value_selector", ctx.variables()),
                    removeButton("Jinja2 variable " + (i + 1), "prompt_config.jinja2_variables", i)));
        }
        add(addButton("Add Jinja2 variable", () -> {
            ObjectNode v = vars.addObject().put("variable", "arg" + (vars.size()));
            v.putArray("value_selector");
        }));
    }

    private void vision() {
        add(section("Vision"));
        add(toggle("Send images to the model (vision)", "vision.enabled"));
        if (on("vision.enabled")) {
            if (at("vision.configs.detail") == null) {
                set("vision.configs.detail", JSON.stringNode("high"));
                changed();
            }
            add(selector("Image variable", "vision.configs.variable_selector", ctx.variables()),
                    choice("Image resolution", "vision.configs.detail", options("high", "High (more detail, more tokens)",
                            "low", "Low (faster, fewer tokens)"), false));
            add(hint("Pick a file or list of files, such as the files uploaded with the message (sys.files). "
                    + "The model must support images."));
        }
    }

    private void structuredOutput() {
        add(section("Structured output"));
        add(toggle("Reply with JSON that follows a schema (structured output)", "structured_output_enabled"));
        if (!on("structured_output_enabled")) {
            return;
        }
        JsonNode schema = at("structured_output.schema");
        if (!(schema instanceof ObjectNode)) {
            set("structured_output.schema", JsonSchemaEditor.emptySchema());
            changed();
        }
        add(new JsonSchemaEditor(at("structured_output.schema"), s -> {
            set("structured_output.schema", s);
            changed();
        }));
        add(hint("The parsed reply is the node's structured_output; text still holds the raw reply."));
    }

    private boolean on(String path) {
        JsonNode v = at(path);
        return v != null && v.asBoolean(false);
    }

    private static String label(String role) {
        return switch (role) {
            case "system" -> "System";
            case "assistant" -> "Assistant";
            default -> "User";
        };
    }
}
