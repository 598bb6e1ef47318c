package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** List operator: filter, pick one item, sort and limit a list variable. */
final class ListOperatorPanel extends NodePanel {

    ListOperatorPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(selector("List", "variable", ctx.variables()));
        add(toggle("Filter", "filter_by.enabled"));
        if (on("filter_by.enabled")) {
            ArrayNode conditions = array("filter_by.conditions");
            for (int i = 0; i < conditions.size(); i++) {
                String base = "filter_by.conditions[" + i + "]";
                add(row(text("Field (blank for plain items)", base + ".key"),
                        choice("Operator", base + ".comparison_operator", IfElsePanel.OPERATORS, false),
                        text("Value", base + ".value"), removeButton("filter " + (i + 1), "filter_by.conditions", i)));
            }
            add(addButton("Add filter", () -> conditions.addObject().put("key", "").put("comparison_operator", "contains").put("value", "")));
        }
        add(toggle("Take one item", "extract_by.enabled"));
        if (on("extract_by.enabled")) {
            add(text("Position (1 = first)", "extract_by.serial"));
        }
        add(toggle("Sort", "order_by.enabled"));
        if (on("order_by.enabled")) {
            add(row(text("Sort by field (blank for plain items)", "order_by.key"),
                    choice("Order", "order_by.value", options("asc", "Ascending", "desc", "Descending"), false)));
        }
        add(toggle("Limit", "limit.enabled"));
        if (on("limit.enabled")) {
            add(integer("Keep the first", "limit.size", 1, 10_000));
        }
    }

    private boolean on(String path) {
        return at(path) != null && at(path).asBoolean(false);
    }
}
