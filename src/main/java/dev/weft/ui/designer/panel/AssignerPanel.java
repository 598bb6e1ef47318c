package dev.weft.ui.designer.panel;

import dev.weft.engine.graph.GraphInspector;
import dev.weft.engine.node.assigner.AssignOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Variable assigner: writes to conversation variables (overwrite, append, clear, arithmetic...). */
final class AssignerPanel extends NodePanel {

    AssignerPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        List<GraphInspector.Variable> writable = ctx.variables().stream()
                .filter(v -> "conversation".equals(v.selector().getFirst())).toList();
        if (writable.isEmpty()) {
            add(hint("There are no conversation variables yet: add one with Variables in the toolbar, then write it here."));
        }
        Map<String, String> operations = new LinkedHashMap<>();
        for (AssignOperation op : AssignOperation.values()) {
            operations.put(op.wire(), op.wire());
        }
        ArrayNode items = array("items");
        for (int i = 0; i < items.size(); i++) {
            String base = "items[" + i + "]";
            add(section("Write " + (i + 1)));
            add(row(selector("Variable to write", base + ".variable_selector", writable), removeButton("write " + (i + 1), "items", i)));
            add(row(choice("Operation", base + ".operation", operations, true),
                    choice("Value from", base + ".input_type", options("variable", "A variable", "constant", "A constant"), true)));
            boolean needsValue = AssignOperation.of(str(base + ".operation").isBlank() ? "over-write" : str(base + ".operation")).needsValue();
            if (needsValue) {
                add("constant".equals(str(base + ".input_type")) ? text("Value", base + ".value")
                        : selector("Value", base + ".value", ctx.variables()));
            }
        }
        add(addButton("Add write", () -> items.addObject().put("input_type", "variable").put("operation", "over-write")
                .putArray("variable_selector")));
    }
}
