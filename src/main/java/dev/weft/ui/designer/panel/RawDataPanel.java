package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.textfield.TextArea;
import dev.weft.engine.variable.Values;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** For a node type without its own panel: its data as JSON, checked as typed. */
final class RawDataPanel extends NodePanel {

    RawDataPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected void build() {
        TextArea json = new TextArea("Node data (JSON)");
        json.setWidthFull();
        json.setValue(Values.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data));
        json.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                JsonNode parsed = Values.JSON.readTree(e.getValue());
                if (!(parsed instanceof ObjectNode object)) {
                    json.setInvalid(true);
                    json.setErrorMessage("The data must be a JSON object");
                    return;
                }
                json.setInvalid(false);
                data.removeAll();
                data.setAll(object);
                changed();
            } catch (RuntimeException ex) {
                json.setInvalid(true);
                json.setErrorMessage("Not valid JSON: " + ex.getMessage());
            }
        });
        add(json);
    }
}
