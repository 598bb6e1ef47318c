package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ObjectNode;

/** Iteration: the list to go through, what each run inside gives back, parallelism and error handling. */
final class IterationPanel extends NodePanel {

    IterationPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected boolean hasErrorHandling() {
        return false;
    }

    @Override
    protected void build() {
        add(selector("List to iterate over", "iterator_selector", ctx.variables()));
        add(selector("Output of each item", "output_selector", ctx.innerVariables()));
        if (ctx.innerVariables().isEmpty()) {
            add(hint("Drop nodes inside the iteration and connect them from its start; read the current item as "
                    + "{{#" + nodeId() + ".item#}}. Then choose the output of each item here."));
        }
        add(section("Settings"));
        add(toggle("Run items in parallel", "is_parallel"));
        if (at("is_parallel") != null && at("is_parallel").asBoolean(false)) {
            add(integer("Parallel runs", "parallel_nums", 1, 100));
        }
        add(choice("When an item fails", "error_handle_mode", options("terminated", "Stop the iteration",
                "continue-on-error", "Continue, keep a null output", "remove-abnormal-output", "Continue, drop the output"), false));
        add(check("Flatten nested lists in the output", "flatten_output"));
    }
}
