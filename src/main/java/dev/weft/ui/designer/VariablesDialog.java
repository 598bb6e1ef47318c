package dev.weft.ui.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.ConversationVariable;
import dev.weft.app.definition.EnvironmentVariable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Edits the app's environment variables (constants and secrets, read as {@code {{#env.name#}}}) and, for chat
 * apps, its conversation variables (kept per conversation, read as {@code {{#conversation.name#}}} and written by
 * the variable assigner). A secret's stored value is never shown; leaving its field empty keeps it.
 */
final class VariablesDialog extends Dialog {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,29}");

    private record Row(String id, TextField name, Select<String> type, TextField value, PasswordField secret, TextField description,
            Object storedValue) {}

    private final List<Row> environment = new ArrayList<>();
    private final List<Row> conversation = new ArrayList<>();
    private final VerticalLayout envRows = new VerticalLayout();
    private final VerticalLayout convRows = new VerticalLayout();

    VariablesDialog(AppDefinition def, Consumer<AppDefinition> apply) {
        setHeaderTitle("Variables");
        setWidth("860px");
        setMaxWidth("100%");
        envRows.setPadding(false);
        convRows.setPadding(false);
        def.environmentVariables().forEach(v -> addEnv(v.id(), v.name(), v.valueType(), v.value(), v.description()));
        Button addEnv = new Button("Add environment variable", VaadinIcon.PLUS.create(), e -> addEnv(null, "", "string", null, ""));
        addEnv.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        VerticalLayout body = new VerticalLayout(new H4("Environment variables"),
                hint("Constants and secrets for every run, such as an API key: {{#env.name#}}. Secret values are stored encrypted."),
                envRows, addEnv);
        body.setPadding(false);
        if (def.mode() != null && def.mode().isChat()) {
            def.conversationVariables().forEach(v -> addConv(v.id(), v.name(), v.valueType(), v.value(), v.description()));
            Button addConv = new Button("Add conversation variable", VaadinIcon.PLUS.create(), e -> addConv(null, "", "string", "", ""));
            addConv.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            body.add(new H4("Conversation variables"),
                    hint("Values kept for the length of a conversation: {{#conversation.name#}}; change them with a Variable Assigner node."),
                    convRows, addConv);
        }
        add(body);
        Button save = new Button("Apply", e -> {
            List<String> problems = new ArrayList<>();
            List<EnvironmentVariable> env = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Row r : environment) {
                String name = r.name().getValue().strip();
                if (!check(r.name(), name, names, problems)) {
                    continue;
                }
                String type = r.type().getValue();
                Object value = "secret".equals(type)
                        ? (r.secret().getValue().isEmpty() ? r.storedValue() : r.secret().getValue())
                        : "number".equals(type) ? number(r.value(), problems) : r.value().getValue();
                env.add(new EnvironmentVariable(r.id(), name, type, value, r.description().getValue()));
            }
            List<ConversationVariable> conv = new ArrayList<>();
            names.clear();
            for (Row r : conversation) {
                String name = r.name().getValue().strip();
                if (!check(r.name(), name, names, problems)) {
                    continue;
                }
                String type = r.type().getValue();
                Object value = "number".equals(type) ? number(r.value(), problems) : r.value().getValue();
                conv.add(new ConversationVariable(r.id(), name, type, value, r.description().getValue()));
            }
            if (!problems.isEmpty()) {
                return;
            }
            apply.accept(new AppDefinition(def.schema(), def.mode(), def.graph(), env, conv, def.features()));
            close();
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private static boolean check(TextField field, String name, Set<String> names, List<String> problems) {
        if (!NAME.matcher(name).matches()) {
            field.setInvalid(true);
            field.setErrorMessage("Start with a letter or _, then letters, digits or _ (at most 30)");
            problems.add(name);
            return false;
        }
        if (!names.add(name)) {
            field.setInvalid(true);
            field.setErrorMessage("Another variable has this name");
            problems.add(name);
            return false;
        }
        field.setInvalid(false);
        return true;
    }

    private static Object number(TextField field, List<String> problems) {
        try {
            String v = field.getValue().strip();
            return v.contains(".") ? (Object) Double.parseDouble(v) : (Object) Long.parseLong(v);
        } catch (NumberFormatException e) {
            field.setInvalid(true);
            field.setErrorMessage("Not a number");
            problems.add(field.getValue());
            return null;
        }
    }

    private void addEnv(String id, String name, String type, Object value, String description) {
        Row row = row(id, name, List.of("string", "number", "secret"), type, value, description, true);
        environment.add(row);
        envRows.add(layout(row, environment, envRows));
    }

    private void addConv(String id, String name, String type, Object value, String description) {
        Row row = row(id, name, List.of("string", "number", "object", "array[string]", "array[number]", "array[object]"), type, value,
                description, false);
        conversation.add(row);
        convRows.add(layout(row, conversation, convRows));
    }

    private static Row row(String id, String name, List<String> types, String type, Object value, String description, boolean env) {
        TextField n = new TextField("Name");
        n.setValue(name == null ? "" : name);
        Select<String> t = new Select<>();
        t.setLabel("Type");
        t.setItems(types);
        t.setValue(types.contains(type) ? type : "string");
        TextField v = new TextField(env ? "Value" : "Default value");
        PasswordField s = new PasswordField("Secret value");
        boolean secret = "secret".equals(type);
        if (!secret) {
            v.setValue(value == null ? "" : String.valueOf(value));
        } else if (value != null && !String.valueOf(value).isEmpty()) {
            s.setPlaceholder("(stored; type to replace)");
        }
        v.setVisible(!secret);
        s.setVisible(secret);
        t.addValueChangeListener(e -> {
            v.setVisible(!"secret".equals(e.getValue()));
            s.setVisible("secret".equals(e.getValue()));
        });
        TextField d = new TextField("Description");
        d.setValue(description == null ? "" : description);
        return new Row(id == null ? UUID.randomUUID().toString() : id, n, t, v, s, d, secret ? value : null);
    }

    private static HorizontalLayout layout(Row row, List<Row> rows, VerticalLayout container) {
        HorizontalLayout line = new HorizontalLayout(row.name(), row.type(), row.value(), row.secret(), row.description());
        Button remove = new Button(VaadinIcon.TRASH.create(), e -> {
            rows.remove(row);
            container.remove((HorizontalLayout) e.getSource().getParent().orElseThrow());
        });
        remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setAriaLabel("Remove variable");
        line.add(remove);
        line.setWidthFull();
        line.setAlignItems(FlexComponent.Alignment.BASELINE);
        return line;
    }

    private static Paragraph hint(String text) {
        Paragraph p = new Paragraph(text);
        p.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0").set("font-size", "var(--lumo-font-size-s)");
        return p;
    }
}
