package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** End: the workflow's outputs, each a name and the variable it takes its value from. */
final class EndPanel extends NodePanel {

    EndPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected boolean hasErrorHandling() {
        return false;
    }

    @Override
    protected void build() {
        add(section("Outputs"));
        ArrayNode outputs = array("outputs");
        if (outputs.isEmpty()) {
            add(hint("No outputs yet: add one and choose the variable it returns."));
        }
        for (int i = 0; i < outputs.size(); i++) {
            String base = "outputs[" + i + "]";
            add(row(text("Output name", base + ".variable"), selector("Value", base + ".value_selector", ctx.variables()),
                    removeButton("output " + (i + 1), "outputs", i)));
        }
        add(addButton("Add output", () -> outputs.addObject().put("variable", "result_" + (outputs.size() + 1))
                .putArray("value_selector")));
    }
}
