package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Edits the JSON schema of an LLM node's structured output (Dify's {@code structured_output.schema}): one row per
 * top-level field (name, type, required, description), and the whole schema as JSON for nested objects and
 * anything else the rows do not show. Each edit hands a copy of the schema on; the JSON is taken when it parses
 * as an object and is refused, with the parser's message, when it does not.
 */
final class JsonSchemaEditor extends VerticalLayout {

    static final Map<String, String> TYPES = types();
    private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Consumer<ObjectNode> onChange;
    private ObjectNode schema;

    JsonSchemaEditor(JsonNode schema, Consumer<ObjectNode> onChange) {
        this.onChange = onChange;
        this.schema = schema instanceof ObjectNode o ? o.deepCopy() : emptySchema();
        setPadding(false);
        setSpacing(false);
        addClassName("weft-json-schema");
        redraw();
    }

    /** {@code {"type": "object", "properties": {}, "required": [], "additionalProperties": false}}. */
    static ObjectNode emptySchema() {
        ObjectNode s = JSON.objectNode();
        s.put("type", "object");
        s.putObject("properties");
        s.putArray("required");
        s.put("additionalProperties", false);
        return s;
    }

    private void redraw() {
        removeAll();
        List<String> names = new ArrayList<>(properties().propertyNames());
        for (int i = 0; i < names.size(); i++) {
            add(fieldRow(names.get(i), i + 1));
        }
        if (names.isEmpty()) {
            add(NodePanel.hint("No fields yet: add the fields the reply must have."));
        }
        Button add = new Button("Add field", VaadinIcon.PLUS.create(), e -> {
            String name = freshName();
            properties().putObject(name).put("type", "string").put("description", "");
            changed();
        });
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        add(add, jsonView());
    }

    private VerticalLayout fieldRow(String name, int position) {
        ObjectNode property = (ObjectNode) properties().get(name);
        TextField nameField = new TextField("Field " + position + " name");
        nameField.setValue(name);
        nameField.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        nameField.addValueChangeListener(e -> {
            String next = e.getValue().strip();
            if (!e.isFromClient() || next.equals(name)) {
                return;
            }
            if (next.isEmpty() || properties().has(next)) {
                nameField.setInvalid(true);
                nameField.setErrorMessage(next.isEmpty() ? "A field needs a name" : "There is already a field " + next);
                return;
            }
            rename(name, next);
            changed();
        });
        Select<String> type = new Select<>();
        type.setLabel("Field " + position + " type");
        type.setItems(new ArrayList<>(TYPES.keySet()));
        type.setItemLabelGenerator(t -> TYPES.getOrDefault(t, t));
        String current = property.path("type").asString("string");
        if (!TYPES.containsKey(current)) {
            type.setItems(current);
        }
        type.setValue(current);
        type.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                property.put("type", e.getValue());
                if ("array".equals(e.getValue()) && !property.has("items")) {
                    property.putObject("items").put("type", "string");
                } else if (!"array".equals(e.getValue())) {
                    property.remove("items");
                }
                if ("object".equals(e.getValue()) && !property.has("properties")) {
                    property.putObject("properties");
                }
                changed();
            }
        });
        Checkbox required = new Checkbox("Required");
        required.setAriaLabel("Field " + position + " required");
        required.setValue(requiredNames().contains(name));
        required.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                setRequired(name, e.getValue());
                changed();
            }
        });
        Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
            properties().remove(name);
            setRequired(name, false);
            changed();
        });
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel("Remove field " + name);
        remove.setTooltipText("Remove field " + name);
        TextField description = new TextField("Field " + position + " description");
        description.setMinWidth("0"); // takes what the checkbox leaves (a full width would push it past the panel)
        description.setValue(property.path("description").asString(""));
        description.setValueChangeMode(ValueChangeMode.LAZY);
        description.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                property.put("description", e.getValue());
                onChange.accept(schema.deepCopy());
            }
        });
        HorizontalLayout top = NodePanel.row(nameField, type, remove);
        HorizontalLayout bottom = NodePanel.row(description, required);
        bottom.setFlexGrow(1, description);
        bottom.setFlexGrow(0, required);
        required.getStyle().set("flex-shrink", "0");
        VerticalLayout field = new VerticalLayout(top, bottom);
        field.setPadding(false);
        field.setSpacing(false);
        field.addClassName("weft-json-schema-field");
        return field;
    }

    private Details jsonView() {
        TextArea json = new TextArea("Schema as JSON");
        json.setWidthFull();
        json.setValue(JSON_MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(schema));
        json.setHelperText("Edit nested objects, enums and formats here; the rows above follow when you leave the field.");
        json.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        json.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)").set("font-size", "var(--lumo-font-size-xs)");
        json.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            String problem = accept(e.getValue());
            json.setInvalid(problem != null);
            json.setErrorMessage(problem);
        });
        Details d = new Details("Edit as JSON", json);
        d.setWidthFull();
        return d;
    }

    /** Takes a schema typed as JSON; returns why it was refused, or null when taken. */
    String accept(String text) {
        JsonNode parsed;
        try {
            parsed = JSON_MAPPER.readTree(text);
        } catch (JacksonException ex) {
            return "Not valid JSON: " + ex.getOriginalMessage();
        }
        if (!(parsed instanceof ObjectNode o) || !"object".equals(o.path("type").asString(""))) {
            return "The schema must be a JSON object with \"type\": \"object\"";
        }
        if (o.has("properties") && !o.get("properties").isObject()) {
            return "\"properties\" must be an object that maps field names to their schemas";
        }
        schema = o;
        changed();
        return null;
    }

    private void changed() {
        onChange.accept(schema.deepCopy());
        redraw();
    }

    private ObjectNode properties() {
        if (!(schema.get("properties") instanceof ObjectNode)) {
            schema.putObject("properties");
        }
        return (ObjectNode) schema.get("properties");
    }

    private List<String> requiredNames() {
        List<String> out = new ArrayList<>();
        schema.path("required").forEach(r -> out.add(r.asString("")));
        return out;
    }

    private void setRequired(String name, boolean on) {
        List<String> names = requiredNames();
        names.remove(name);
        if (on) {
            names.add(name);
        }
        ArrayNode required = schema.putArray("required");
        names.forEach(required::add);
    }

    /** Renames a field in place, keeping the order of the fields and its required mark. */
    private void rename(String from, String to) {
        ObjectNode renamed = JSON.objectNode();
        properties().properties().forEach(e -> renamed.set(e.getKey().equals(from) ? to : e.getKey(), e.getValue()));
        schema.set("properties", renamed);
        List<String> names = requiredNames();
        int at = names.indexOf(from);
        if (at >= 0) {
            names.set(at, to);
            ArrayNode required = schema.putArray("required");
            names.forEach(required::add);
        }
    }

    private String freshName() {
        for (int i = properties().size() + 1; ; i++) {
            if (!properties().has("field_" + i)) {
                return "field_" + i;
            }
        }
    }

    private static Map<String, String> types() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("string", "String");
        m.put("number", "Number");
        m.put("integer", "Integer");
        m.put("boolean", "Boolean");
        m.put("object", "Object");
        m.put("array", "Array");
        return m;
    }
}
