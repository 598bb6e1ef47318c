package dev.weft.ui.run;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.start.StartConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** One labelled field per input variable of the app's start node, and the values typed into them. */
final class RunInputsForm extends FormLayout {

    private final Map<String, HasValue<?, ?>> fields = new LinkedHashMap<>();

    RunInputsForm(AppDefinition definition) {
        definition.graph().nodes().stream()
                .filter(n -> "start".equals(n.nodeType()) && n.containerId() == null)
                .findFirst()
                .map(RunInputsForm::config)
                .ifPresent(config -> config.variables().forEach(this::addField));
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }

    Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, field) -> {
            Object value = field.getValue();
            if (value instanceof Double d && d == Math.rint(d)) {
                value = d.longValue();
            }
            if (value != null && !"".equals(value)) {
                values.put(name, value);
            }
        });
        return values;
    }

    private static StartConfig config(NodeDef start) {
        return NodeRegistry.CONFIG_MAPPER.treeToValue(start.data(), StartConfig.class);
    }

    private void addField(StartConfig.InputVariable v) {
        String label = v.label() == null || v.label().isBlank() ? v.variable() : v.label();
        String type = v.type() == null ? "text-input" : v.type();
        Component field = switch (type) {
            case "paragraph", "json_object" -> new TextArea(label);
            case "number" -> new NumberField(label);
            case "checkbox" -> new Checkbox(label);
            case "select" -> {
                ComboBox<String> box = new ComboBox<>(label);
                box.setItems(v.options() == null ? java.util.List.of() : v.options());
                yield box;
            }
            default -> new TextField(label);
        };
        if (field instanceof AbstractField<?, ?> f && v.isRequired()) {
            f.setRequiredIndicatorVisible(true);
        }
        if (field instanceof TextField t && v.maxLength() != null && v.maxLength() > 0) {
            t.setMaxLength(v.maxLength());
        }
        field.getElement().setAttribute("data-variable", v.variable());
        fields.put(v.variable(), (HasValue<?, ?>) field);
        add(field);
    }
}
