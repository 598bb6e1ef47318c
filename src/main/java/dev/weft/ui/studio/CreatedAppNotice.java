package dev.weft.ui.studio;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.shared.Registration;
import dev.weft.app.App;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.definition.ValidationError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells that an app was created and, when its draft cannot run yet, what to fix first, by node title
 * ("Answer from the articles: choose a model provider"), with a link into the designer.
 */
final class CreatedAppNotice {

    private static final Pattern NODE = Pattern.compile("^\\$\\.graph\\.nodes\\[(\\d+)]");
    private static final int MAX_SHOWN = 4;

    private CreatedAppNotice() {}

    static void show(App app, List<ValidationError> problems, AppDefinition draft) {
        Notification note = new Notification();
        Div text = new Div();
        text.add(new Div("Created " + app.getName() + "."));
        if (!problems.isEmpty()) {
            text.add(new Div("Before it can run:"));
            UnorderedList list = new UnorderedList();
            list.getStyle().set("margin", "0");
            fixes(problems, draft).stream().limit(MAX_SHOWN).forEach(f -> list.add(new ListItem(f)));
            text.add(list);
            note.addThemeVariants(NotificationVariant.LUMO_WARNING);
        } else {
            note.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
        Anchor open = new Anchor(AppListView.designerPath(app), "Open in designer");
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> note.close());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        close.setAriaLabel("Close");
        HorizontalLayout layout = new HorizontalLayout(text, open, close);
        layout.setAlignItems(FlexComponent.Alignment.CENTER);
        note.add(layout);
        note.setDuration(problems.isEmpty() ? 4000 : 12000);
        note.setPosition(Notification.Position.BOTTOM_START);
        note.open();
        // a notice about the app list does not follow the user into the designer (where problems show on the nodes)
        UI ui = UI.getCurrent();
        if (ui != null) {
            Registration[] navigation = new Registration[1];
            navigation[0] = ui.addAfterNavigationListener(e -> {
                note.close();
                navigation[0].remove();
            });
        }
    }

    /** One line per distinct problem, naming the node and how to fix it. */
    static List<String> fixes(List<ValidationError> problems, AppDefinition draft) {
        Set<String> lines = new LinkedHashSet<>();
        for (ValidationError p : problems) {
            Matcher m = NODE.matcher(p.path());
            String where = "";
            if (m.find()) {
                int i = Integer.parseInt(m.group(1));
                List<NodeDef> nodes = draft.graph().nodes();
                where = i < nodes.size() ? nodes.get(i).title() + ": " : "";
            }
            String fix = p.message();
            if (fix.contains("model provider")) {
                fix += " (add one under Model providers, or set a default chat model there)";
            } else if (fix.contains("knowledge base")) {
                fix += " (create one under Knowledge)";
            }
            lines.add(where + fix);
        }
        return List.copyOf(lines);
    }
}
