package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.component.textfield.TextField;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Start: the inputs a run asks for (name, label, type, required). Chat apps also get sys.query and sys.files. */
final class StartPanel extends NodePanel {

    StartPanel(String nodeId, ObjectNode data, PanelContext ctx) {
        super(nodeId, data, ctx);
    }

    @Override
    protected boolean hasErrorHandling() {
        return false;
    }

    @Override
    protected void build() {
        add(section("Input fields"));
        ArrayNode variables = array("variables");
        if (variables.isEmpty()) {
            add(hint(ctx.mode() != null && ctx.mode().isChat()
                    ? "No input fields. The user's message is {{#sys.query#}}; add fields for anything else a run needs."
                    : "No input fields yet. Add one for each value a run needs, then use it as {{#start.name#}}."));
        }
        for (int i = 0; i < variables.size(); i++) {
            String base = "variables[" + i + "]";
            TextField name = text("Variable name", base + ".variable");
            name.setPattern("[A-Za-z_][A-Za-z0-9_]*");
            name.setHelperText("Letters, digits and _");
            Checkbox required = check("Required", base + ".required");
            add(row(name, text("Label", base + ".label"), removeButton("input field " + (i + 1), "variables", i)),
                    row(choice("Field type", base + ".type", options("text-input", "Short text", "paragraph", "Paragraph",
                            "select", "Select", "number", "Number", "checkbox", "Checkbox", "json_object", "JSON", "file", "File",
                            "file-list", "File list"), true), required));
            if ("select".equals(str(base + ".type"))) {
                add(optionsField(base + ".options"));
            }
        }
        add(addButton("Add input field", () -> {
            int n = variables.size() + 1;
            variables.addObject().put("variable", "input_" + n).put("label", "Input " + n).put("type", "text-input")
                    .put("required", false).put("max_length", 256);
        }));
    }

    /** The options of a select field, one per line. */
    private TextArea optionsField(String path) {
        TextArea f = new TextArea("Options (one per line)");
        f.setWidthFull();
        f.setValue(String.join("\n", selectorAt(path)));
        f.setValueChangeMode(ValueChangeMode.LAZY);
        f.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                ArrayNode a = JSON.arrayNode();
                e.getValue().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(a::add);
                set(path, a);
                changed();
            }
        });
        return f;
    }
}
