package dev.weft.ui.designer.panel;

import tools.jackson.databind.node.ObjectNode;

/** Answer: the reply text with variables; it streams as the variables it uses arrive. */
final class AnswerPanel extends NodePanel {

    AnswerPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected boolean hasErrorHandling() {
        return false;
    }

    @Override
    protected void build() {
        add(prompt("Answer", "answer", 5));
        add(hint("Type {{# to insert a variable, e.g. the LLM's reply {{#llm.text#}}."));
    }
}
