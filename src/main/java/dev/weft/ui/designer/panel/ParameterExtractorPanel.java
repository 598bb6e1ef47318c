package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Parameter extractor: the text to read, the model, the parameters to pull out and instructions. */
final class ParameterExtractorPanel extends NodePanel {

    ParameterExtractorPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(selector("Input text", "query", ctx.variables()));
        modelPicker("model");
        add(section("Parameters"));
        ArrayNode parameters = array("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            String base = "parameters[" + i + "]";
            add(row(text("Name", base + ".name"), choice("Type", base + ".type", options("string", "String", "number", "Number",
                    "bool", "Boolean", "select", "Select", "array[string]", "Array of strings", "array[number]", "Array of numbers",
                    "array[object]", "Array of objects"), false), removeButton("parameter " + (i + 1), "parameters", i)));
            add(row(text("Description", base + ".description"), check("Required", base + ".required")));
        }
        add(addButton("Add parameter", () -> parameters.addObject().put("name", "param" + (parameters.size() + 1))
                .put("type", "string").put("description", "").put("required", false)));
        add(section("Instructions"));
        add(prompt("Instructions", "instruction", 3));
        add(choice("Reasoning mode", "reasoning_mode", options("prompt", "Prompt", "function_call", "Function call"), false));
    }
}
