package dev.weft.ui.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.function.BiConsumer;

/** Asks for an optional name and release notes, then publishes the draft as a new immutable version. */
final class PublishDialog extends Dialog {

    PublishDialog(BiConsumer<String, String> publish) {
        setHeaderTitle("Publish a new version");
        TextField name = new TextField("Version name (optional)");
        name.setWidthFull();
        TextArea notes = new TextArea("Release notes (optional)");
        notes.setWidthFull();
        Paragraph what = new Paragraph("The draft as it is now becomes a new version that cannot change. "
                + "API calls use the latest version; the draft stays editable.");
        what.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin-top", "0");
        VerticalLayout body = new VerticalLayout(what, name, notes);
        body.setPadding(false);
        body.setMinWidth("24rem");
        add(body);
        Button confirm = new Button("Publish", e -> {
            publish.accept(blankToNull(name.getValue()), blankToNull(notes.getValue()));
            close();
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
        name.focus();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
