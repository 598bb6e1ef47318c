package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Template: named inputs and a Jinja2 template that uses them ({{ name }}). */
final class TemplateTransformPanel extends NodePanel {

    TemplateTransformPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(section("Inputs"));
        ArrayNode variables = array("variables");
        for (int i = 0; i < variables.size(); i++) {
            String base = "variables[" + i + "]";
            add(row(text("Name", base + ".variable"), selector("Value", base + ".value_selector", ctx.variables()),
                    removeButton("input " + (i + 1), "variables", i)));
        }
        add(addButton("Add input", () -> variables.addObject().put("variable", "arg" + (variables.size() + 1))
                .putArray("value_selector")));
        add(section("Template"));
        add(area("Jinja2 template", "template", "Hello {{ arg1 }}!"));
        add(hint("Use the inputs by name: {{ arg1 }}, loops and filters work as in Jinja2."));
    }
}
