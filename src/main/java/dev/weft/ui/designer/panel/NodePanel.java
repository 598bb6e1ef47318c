package dev.weft.ui.designer.panel;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.weft.engine.graph.GraphInspector;
import dev.weft.ui.designer.PromptField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The side panel of one node: fields bound to paths in the node's {@code data} (such as
 * {@code model.completion_params.temperature} or {@code cases[0].conditions[1].value}). Each edit changes a
 * private copy of the data and hands a copy of it to {@link PanelContext#onChange}; adding or removing a row
 * redraws the panel. Subclasses lay out the fields of their node type in {@link #build()}; the title,
 * description and, where it applies, retry and error handling are common to all.
 */
public abstract class NodePanel extends VerticalLayout {

    protected static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    protected final ObjectNode data;
    protected final PanelContext ctx;
    private final String nodeId;

    protected NodePanel(String nodeId, ObjectNode data, PanelContext ctx) {
        this.nodeId = nodeId;
        this.data = data.deepCopy();
        this.ctx = ctx;
        setPadding(false);
        setSpacing(false);
        addClassName("weft-node-panel");
        getElement().setAttribute("data-node", nodeId);
    }

    public String nodeId() {
        return nodeId;
    }

    /** Draws the panel; called once after construction and after every structural change. */
    public final void redraw() {
        removeAll();
        TextField title = text("Title", "title");
        title.setRequired(true);
        add(title, area("Description", "desc", "What this node is for (optional)"));
        build();
        if (hasErrorHandling()) {
            add(errorHandling());
        }
    }

    protected abstract void build();

    /** Whether the node offers retry and an error strategy (nodes that call out or compute). */
    protected boolean hasErrorHandling() {
        return true;
    }

    // ---- data access ----

    protected JsonNode at(String path) {
        JsonNode node = data;
        for (String step : steps(path)) {
            if (node == null) {
                return null;
            }
            node = step.startsWith("[") ? node.get(Integer.parseInt(step.substring(1, step.length() - 1))) : node.get(step);
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    protected String str(String path) {
        JsonNode v = at(path);
        return v == null ? "" : v.isString() ? v.asString() : v.toString();
    }

    protected void set(String path, JsonNode value) {
        List<String> steps = steps(path);
        JsonNode node = data;
        for (int i = 0; i < steps.size() - 1; i++) {
            String step = steps.get(i);
            String next = steps.get(i + 1);
            JsonNode child = step.startsWith("[") ? node.get(index(step)) : node.get(step);
            if (child == null || child.isNull() || !(child.isObject() || child.isArray())) {
                child = next.startsWith("[") ? JSON.arrayNode() : JSON.objectNode();
                if (step.startsWith("[")) {
                    ((ArrayNode) node).set(index(step), child);
                } else {
                    ((ObjectNode) node).set(step, child);
                }
            }
            node = child;
        }
        String last = steps.getLast();
        if (last.startsWith("[")) {
            ((ArrayNode) node).set(index(last), value == null ? JSON.nullNode() : value);
        } else if (value == null) {
            ((ObjectNode) node).remove(last);
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    protected ArrayNode array(String path) {
        JsonNode a = at(path);
        if (a instanceof ArrayNode array) {
            return array;
        }
        ArrayNode created = JSON.arrayNode();
        set(path, created);
        return created;
    }

    /** Hands the edited data on. */
    protected void changed() {
        ctx.onChange().accept(data.deepCopy());
    }

    /** Hands the edited data on and redraws (after adding or removing rows). */
    protected void changedAndRedraw() {
        changed();
        redraw();
    }

    private static int index(String step) {
        return Integer.parseInt(step.substring(1, step.length() - 1));
    }

    private static List<String> steps(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int b = part.indexOf('[');
            if (b < 0) {
                out.add(part);
                continue;
            }
            if (b > 0) {
                out.add(part.substring(0, b));
            }
            for (String idx : part.substring(b).split("(?=\\[)")) {
                out.add(idx);
            }
        }
        return out;
    }

    // ---- fields ----

    protected TextField text(String label, String path) {
        TextField f = new TextField(label);
        f.setWidthFull();
        f.setValue(str(path));
        f.setValueChangeMode(ValueChangeMode.LAZY);
        f.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                set(path, JSON.stringNode(e.getValue()));
                changed();
            }
        });
        return f;
    }

    protected TextArea area(String label, String path, String placeholder) {
        TextArea f = new TextArea(label);
        f.setWidthFull();
        f.setValue(str(path));
        f.setPlaceholder(placeholder);
        f.setValueChangeMode(ValueChangeMode.LAZY);
        f.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                set(path, JSON.stringNode(e.getValue()));
                changed();
            }
        });
        return f;
    }

    /** A prompt or template with variable autocompletion. */
    protected PromptField prompt(String label, String path, int rows) {
        PromptField f = new PromptField(label, str(path), ctx.variables(), rows);
        f.addValueListener(v -> {
            set(path, JSON.stringNode(v));
            changed();
        });
        return f;
    }

    protected NumberField number(String label, String path, Double min, Double max, double step) {
        NumberField f = new NumberField(label);
        f.setWidthFull();
        JsonNode v = at(path);
        if (v != null && v.isNumber()) {
            f.setValue(v.doubleValue());
        }
        if (min != null) {
            f.setMin(min);
        }
        if (max != null) {
            f.setMax(max);
        }
        f.setStep(step);
        f.setStepButtonsVisible(true);
        f.setClearButtonVisible(true);
        f.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                set(path, e.getValue() == null ? null : JSON.numberNode(e.getValue()));
                changed();
            }
        });
        return f;
    }

    protected IntegerField integer(String label, String path, Integer min, Integer max) {
        IntegerField f = new IntegerField(label);
        f.setWidthFull();
        JsonNode v = at(path);
        if (v != null && v.isNumber()) {
            f.setValue(v.intValue());
        }
        if (min != null) {
            f.setMin(min);
        }
        if (max != null) {
            f.setMax(max);
        }
        f.setStepButtonsVisible(true);
        f.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                set(path, e.getValue() == null ? null : JSON.numberNode(e.getValue()));
                changed();
            }
        });
        return f;
    }

    protected Checkbox check(String label, String path) {
        Checkbox c = new Checkbox(label);
        JsonNode v = at(path);
        c.setValue(v != null && v.asBoolean(false));
        c.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                set(path, JSON.booleanNode(e.getValue()));
                changed();
            }
        });
        return c;
    }

    /** A checkbox that redraws the panel (it shows or hides other fields). */
    protected Checkbox toggle(String label, String path) {
        Checkbox c = check(label, path);
        c.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                redraw();
            }
        });
        return c;
    }

    /** A choice among fixed values; {@code options}: stored value to label. */
    protected Select<String> choice(String label, String path, Map<String, String> options, boolean redraw) {
        Select<String> s = new Select<>();
        s.setLabel(label);
        s.setWidthFull();
        s.setItems(new ArrayList<>(options.keySet()));
        s.setItemLabelGenerator(v -> options.getOrDefault(v, v));
        String current = str(path);
        if (options.containsKey(current)) {
            s.setValue(current);
        }
        s.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                set(path, JSON.stringNode(e.getValue()));
                if (redraw) {
                    changedAndRedraw();
                } else {
                    changed();
                }
            }
        });
        return s;
    }

    /** Picks a variable; stored as a selector array such as {@code ["llm", "text"]}. */
    protected ComboBox<GraphInspector.Variable> selector(String label, String path, List<GraphInspector.Variable> variables) {
        ComboBox<GraphInspector.Variable> box = new ComboBox<>(label);
        box.setWidthFull();
        List<GraphInspector.Variable> items = new ArrayList<>(variables);
        List<String> current = selectorAt(path);
        GraphInspector.Variable chosen = items.stream().filter(v -> v.selector().equals(current)).findFirst().orElse(null);
        if (chosen == null && current.size() >= 2) {
            chosen = new GraphInspector.Variable(current, "Not available here");
            items.add(chosen);
        }
        box.setItems(items);
        box.setItemLabelGenerator(v -> v.owner() + " · " + String.join(".", v.selector()));
        box.setPlaceholder("Choose a variable");
        box.setValue(chosen);
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                ArrayNode sel = JSON.arrayNode();
                if (e.getValue() != null) {
                    e.getValue().selector().forEach(sel::add);
                }
                set(path, sel);
                changed();
            }
        });
        return box;
    }

    protected List<String> selectorAt(String path) {
        List<String> out = new ArrayList<>();
        JsonNode v = at(path);
        if (v != null && v.isArray()) {
            v.forEach(e -> out.add(e.asString()));
        }
        return out;
    }

    protected static H4 section(String title) {
        H4 h = new H4(title);
        h.getStyle().set("margin", "var(--lumo-space-m) 0 var(--lumo-space-xs)").set("font-size", "var(--lumo-font-size-s)");
        return h;
    }

    protected static Paragraph hint(String text) {
        Paragraph p = new Paragraph(text);
        p.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-xs)")
                .set("margin", "var(--lumo-space-xs) 0");
        return p;
    }

    protected Button addButton(String label, Runnable onClick) {
        Button b = new Button(label, VaadinIcon.PLUS.create(), e -> {
            onClick.run();
            changedAndRedraw();
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    protected Button removeButton(String what, String arrayPath, int index) {
        Button b = new Button(VaadinIcon.TRASH.create(), e -> {
            array(arrayPath).remove(index);
            changedAndRedraw();
        });
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        b.setAriaLabel("Remove " + what);
        b.setTooltipText("Remove " + what);
        return b;
    }

    /** A row of fields with a remove button at the end, fields sharing the width. */
    protected static HorizontalLayout row(Component... parts) {
        HorizontalLayout r = new HorizontalLayout(parts);
        r.setWidthFull();
        r.setAlignItems(FlexComponent.Alignment.BASELINE);
        r.getStyle().set("gap", "var(--lumo-space-s)");
        for (Component c : parts) {
            if (!(c instanceof Button)) {
                r.setFlexGrow(1, c);
                c.getElement().getStyle().set("min-width", "0");
            }
        }
        return r;
    }

    protected static Map<String, String> options(String... valueLabelPairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < valueLabelPairs.length; i += 2) {
            m.put(valueLabelPairs[i], valueLabelPairs[i + 1]);
        }
        return m;
    }

    /** Model provider, model name and the usual parameters, under {@code base} (usually {@code model}). */
    protected void modelPicker(String base) {
        add(section("Model"));
        ComboBox<PanelContext.Choice> provider = new ComboBox<>("Model provider");
        provider.setWidthFull();
        provider.setItems(ctx.providers());
        provider.setItemLabelGenerator(PanelContext.Choice::label);
        String currentProvider = str(base + ".provider");
        ctx.providers().stream().filter(p -> p.value().equals(currentProvider)).findFirst().ifPresent(provider::setValue);
        if (ctx.providers().isEmpty()) {
            provider.setHelperText("No model provider yet: add one under Model providers, then choose it here.");
        }
        ComboBox<String> model = new ComboBox<>("Model");
        model.setWidthFull();
        model.setAllowCustomValue(true);
        model.setHelperText("Type any model name the provider serves.");
        List<String> names = new ArrayList<>();
        ctx.providers().stream().map(PanelContext.Choice::hint).filter(Objects::nonNull).filter(h -> !h.isBlank()).distinct()
                .forEach(names::add);
        String currentModel = str(base + ".name");
        if (!currentModel.isBlank() && !names.contains(currentModel)) {
            names.add(0, currentModel);
        }
        model.setItems(names);
        if (!currentModel.isBlank()) {
            model.setValue(currentModel);
        }
        model.addCustomValueSetListener(e -> {
            set(base + ".name", JSON.stringNode(e.getDetail()));
            names.add(e.getDetail());
            model.setItems(names);
            model.setValue(e.getDetail());
            changed();
        });
        model.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                set(base + ".name", JSON.stringNode(e.getValue()));
                changed();
            }
        });
        provider.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                set(base + ".provider", JSON.stringNode(e.getValue().value()));
                if (str(base + ".name").isBlank() && e.getValue().hint() != null && !e.getValue().hint().isBlank()) {
                    set(base + ".name", JSON.stringNode(e.getValue().hint()));
                    model.setValue(e.getValue().hint());
                }
                if (str(base + ".mode").isBlank()) {
                    set(base + ".mode", JSON.stringNode("chat"));
                }
                changed();
            }
        });
        add(provider, model);
        Details params = new Details("Parameters");
        params.setWidthFull();
        VerticalLayout inner = new VerticalLayout(
                number("Temperature", base + ".completion_params.temperature", 0.0, 2.0, 0.1),
                number("Top P", base + ".completion_params.top_p", 0.0, 1.0, 0.05),
                integer("Max tokens", base + ".completion_params.max_tokens", 1, 1_000_000),
                number("Presence penalty", base + ".completion_params.presence_penalty", -2.0, 2.0, 0.1),
                number("Frequency penalty", base + ".completion_params.frequency_penalty", -2.0, 2.0, 0.1));
        inner.setPadding(false);
        inner.setSpacing(false);
        params.add(inner);
        add(params);
    }

    /** Retry (times, interval) and what happens on failure: stop, default values, or the fail branch. */
    private Details errorHandling() {
        Details d = new Details("Retry and error handling");
        d.setWidthFull();
        VerticalLayout inner = new VerticalLayout();
        inner.setPadding(false);
        inner.setSpacing(false);
        inner.add(toggle("Retry on failure", "retry_config.retry_enabled"));
        JsonNode retry = at("retry_config.retry_enabled");
        if (retry != null && retry.asBoolean(false)) {
            if (at("retry_config.max_retries") == null) {
                set("retry_config.max_retries", JSON.numberNode(3));
                set("retry_config.retry_interval", JSON.numberNode(1000));
            }
            inner.add(integer("Max retries", "retry_config.max_retries", 1, 10),
                    integer("Retry interval (ms)", "retry_config.retry_interval", 100, 5000));
        }
        String strategy = str("error_strategy");
        Map<String, String> strategies = options("none", "Stop the run", "default-value", "Use default values",
                "fail-branch", "Take the fail branch");
        if (strategy.isBlank()) {
            set("error_strategy", null);
        }
        Select<String> s = new Select<>();
        s.setLabel("On failure");
        s.setWidthFull();
        s.setItems(new ArrayList<>(strategies.keySet()));
        s.setItemLabelGenerator(strategies::get);
        s.setValue(strategy.isBlank() ? "none" : strategy);
        s.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                set("error_strategy", "none".equals(e.getValue()) ? null : JSON.stringNode(e.getValue()));
                changedAndRedraw();
            }
        });
        inner.add(s);
        if ("fail-branch".equals(strategy)) {
            inner.add(hint("The node now has a FAIL handle: connect it to the nodes that handle the failure. "
                    + "Read error_message and error_type from this node there."));
        }
        if ("default-value".equals(strategy)) {
            inner.add(hint("When the node fails, its outputs take these values and the run goes on."));
            for (String output : ctx.outputNames()) {
                if (output.equals("error_message") || output.equals("error_type")) {
                    continue;
                }
                inner.add(defaultValueField(output));
            }
        }
        d.add(inner);
        d.setOpened(retry != null && retry.asBoolean(false) || !strategy.isBlank());
        return d;
    }

    private TextField defaultValueField(String output) {
        TextField f = new TextField("Default for " + output);
        f.setWidthFull();
        ObjectNode existing = defaultEntry(output);
        if (existing != null) {
            f.setValue(existing.path("value").asString(""));
        }
        f.setValueChangeMode(ValueChangeMode.LAZY);
        f.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            ObjectNode entry = defaultEntry(output);
            if (entry == null) {
                entry = array("default_value").addObject();
            }
            entry.put("key", output).put("type", "string").put("value", e.getValue());
            changed();
        });
        return f;
    }

    private ObjectNode defaultEntry(String output) {
        for (JsonNode e : array("default_value")) {
            if (e instanceof ObjectNode o && output.equals(o.path("key").asString(""))) {
                return o;
            }
        }
        return null;
    }
}
