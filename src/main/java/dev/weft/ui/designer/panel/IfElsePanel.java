package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** IF/ELSE: cases tried in order (IF, ELIF...), each a list of conditions joined by AND or OR; ELSE otherwise. */
final class IfElsePanel extends NodePanel {

    static final Map<String, String> OPERATORS = options(
            "contains", "contains", "not contains", "does not contain", "start with", "starts with", "end with", "ends with",
            "is", "is", "is not", "is not", "empty", "is empty", "not empty", "is not empty",
            "=", "=", "≠", "≠", ">", ">", "<", "<", "≥", "≥", "≤", "≤", "null", "is null", "not null", "is not null");

    IfElsePanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        ArrayNode cases = array("cases");
        for (int c = 0; c < cases.size(); c++) {
            String base = "cases[" + c + "]";
            add(row(section(c == 0 ? "IF" : "ELIF"), c == 0 ? new com.vaadin.flow.component.html.Span()
                    : removeButton("case " + (c + 1), "cases", c)));
            ArrayNode conditions = array(base + ".conditions");
            if (conditions.isEmpty()) {
                add(hint("No conditions: add one to decide when this branch is taken."));
            }
            for (int i = 0; i < conditions.size(); i++) {
                String cond = base + ".conditions[" + i + "]";
                add(selector("Variable", cond + ".variable_selector", ctx.variables()));
                String op = str(cond + ".comparison_operator");
                boolean needsValue = !op.equals("empty") && !op.equals("not empty") && !op.equals("null") && !op.equals("not null");
                add(row(choice("Operator", cond + ".comparison_operator", OPERATORS, true),
                        needsValue ? text("Value", cond + ".value") : new com.vaadin.flow.component.html.Span(),
                        removeButton("condition " + (i + 1), base + ".conditions", i)));
            }
            if (conditions.size() > 1) {
                add(choice("Join conditions with", base + ".logical_operator", options("and", "AND (all hold)", "or", "OR (any holds)"), false));
            }
            add(addButton("Add condition", () -> conditions.addObject().put("id", UUID.randomUUID().toString())
                    .put("comparison_operator", "contains").put("value", "").putArray("variable_selector")));
        }
        Button elif = new Button("Add ELIF", VaadinIcon.PLUS.create(), e -> {
            ObjectNode added = cases.addObject();
            added.put("case_id", UUID.randomUUID().toString()).put("logical_operator", "and").putArray("conditions");
            changedAndRedraw();
        });
        elif.addThemeVariants(ButtonVariant.LUMO_SMALL);
        add(elif, section("ELSE"), hint("Taken when no case above holds."));
    }
}
