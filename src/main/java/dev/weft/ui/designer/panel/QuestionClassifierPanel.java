package dev.weft.ui.designer.panel;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Question classifier: the question, the model, one branch per class, and extra instructions. */
final class QuestionClassifierPanel extends NodePanel {

    QuestionClassifierPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        add(selector("Question", "query_variable_selector", ctx.variables()));
        modelPicker("model");
        add(section("Classes"));
        add(hint("Each class is a branch: connect its handle on the node to what should happen for it."));
        ArrayNode classes = array("classes");
        for (int i = 0; i < classes.size(); i++) {
            String base = "classes[" + i + "]";
            add(row(area("Class " + (i + 1), base + ".name", "Questions about billing and invoices"),
                    removeButton("class " + (i + 1), "classes", i)));
        }
        add(addButton("Add class", () -> {
            Set<String> ids = new HashSet<>();
            for (JsonNode c : classes) {
                ids.add(c.path("id").asString(""));
            }
            int n = classes.size() + 1;
            while (ids.contains(String.valueOf(n))) {
                n++;
            }
            classes.addObject().put("id", String.valueOf(n)).put("name", "");
        }));
        add(section("Instructions"));
        add(prompt("Instructions", "instruction", 3));
    }
}
