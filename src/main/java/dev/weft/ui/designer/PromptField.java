package dev.weft.ui.designer;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.react.ReactAdapterComponent;
import com.vaadin.flow.function.SerializableConsumer;
import dev.weft.engine.graph.GraphInspector;
import java.util.List;
import java.util.Map;

/**
 * A labelled text area for prompts and templates ({@code frontend/weft-prompt-field.tsx}) that offers the
 * variables available upstream as {@code {{#node.var#}}} while typing {@code {{#}, and through its
 * "Insert variable" button.
 */
@Tag("weft-prompt-field")
@JsModule("./weft-prompt-field.tsx")
public class PromptField extends ReactAdapterComponent implements HasSize {

    public PromptField(String label, String value, List<GraphInspector.Variable> variables, int rows) {
        setState("label", label);
        setState("value", value == null ? "" : value);
        setState("rows", rows);
        setState("variables", variables.stream()
                .map(v -> Map.of("ref", v.reference(), "label", String.join(".", v.selector()), "owner", v.owner()))
                .toList());
        setWidthFull();
        getElement().setAttribute("data-label", label);
    }

    public void setPlaceholder(String placeholder) {
        setState("placeholder", placeholder);
    }

    public String getValue() {
        String v = getState("value", String.class);
        return v == null ? "" : v;
    }

    public void addValueListener(SerializableConsumer<String> listener) {
        addStateChangeListener("value", String.class, v -> listener.accept(v == null ? "" : v));
    }
}
