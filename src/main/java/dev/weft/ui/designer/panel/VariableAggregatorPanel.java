package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Variable aggregator: the variables from different branches, the first one that is set becomes the output. */
final class VariableAggregatorPanel extends NodePanel {

    VariableAggregatorPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(choice("Output type", "output_type", options("string", "String", "number", "Number", "object", "Object",
                "array[string]", "Array of strings", "array[number]", "Array of numbers", "array[object]", "Array of objects"), false));
        add(section("Variables"));
        ArrayNode variables = array("variables");
        if (variables.isEmpty()) {
            add(hint("Add the variables of the branches that meet here; the output is the first one that has a value."));
        }
        for (int i = 0; i < variables.size(); i++) {
            add(row(selector("Variable " + (i + 1), "variables[" + i + "]", ctx.variables()),
                    removeButton("variable " + (i + 1), "variables", i)));
        }
        add(addButton("Add variable", () -> variables.addArray()));
    }
}
