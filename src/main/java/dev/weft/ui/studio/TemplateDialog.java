package dev.weft.ui.studio;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import dev.weft.app.AppTemplate;
import dev.weft.app.AppTemplates;
import dev.weft.knowledge.dataset.Dataset;
import java.util.List;

/**
 * "Create from template": pick one of the {@link AppTemplates}, name the app and, for templates that search a
 * knowledge base, choose which ones.
 */
class TemplateDialog extends Dialog {

    /** Creates the app; throws {@link IllegalArgumentException} with a message for the name field. */
    @FunctionalInterface
    interface CreateFromTemplate {
        void create(AppTemplate template, String name, List<String> datasetIds);
    }

    private final RadioButtonGroup<AppTemplate> choice = new RadioButtonGroup<>("Template");
    private final TextField name = new TextField("Name");
    private final MultiSelectComboBox<Dataset> knowledge = new MultiSelectComboBox<>("Knowledge bases");
    private String suggestedName = "";

    TemplateDialog(AppTemplates templates, List<Dataset> datasets, CreateFromTemplate onCreate) {
        setHeaderTitle("Create from template");
        setWidth("46rem");
        setMaxWidth("100%");

        choice.setItems(templates.list());
        choice.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        choice.setRenderer(new ComponentRenderer<>(TemplateDialog::card));
        choice.setWidthFull();
        choice.setRequired(true);

        name.setRequired(true);
        name.setWidthFull();
        name.setHelperText("You can rename it later.");

        knowledge.setItems(datasets);
        knowledge.setItemLabelGenerator(Dataset::getName);
        knowledge.setWidthFull();
        knowledge.setVisible(false);
        knowledge.setHelperText(datasets.isEmpty()
                ? "You have no knowledge bases yet. Create one under Knowledge and upload your help articles; "
                        + "until then the app's retrieval node asks you to choose one."
                : "The chatbot answers from these knowledge bases.");

        choice.addValueChangeListener(e -> {
            AppTemplate t = e.getValue();
            if (t == null) {
                return;
            }
            if (name.getValue().isBlank() || name.getValue().equals(suggestedName)) {
                name.setValue(t.name());
                suggestedName = t.name();
            }
            knowledge.setVisible(t.usesKnowledge());
            choice.setInvalid(false);
        });

        VerticalLayout form = new VerticalLayout(choice, name, knowledge);
        form.setPadding(false);
        add(form);

        Button create = new Button("Create", e -> {
            if (choice.getValue() == null) {
                choice.setErrorMessage("Choose a template");
                choice.setInvalid(true);
                return;
            }
            try {
                onCreate.create(choice.getValue(), name.getValue(),
                        knowledge.isVisible() ? knowledge.getSelectedItems().stream().map(Dataset::getId).toList() : List.of());
                close();
            } catch (IllegalArgumentException ex) {
                name.setErrorMessage(Messages.sentence(ex.getMessage()));
                name.setInvalid(true);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickShortcut(Key.ENTER);
        getFooter().add(new Button("Cancel", e -> close()), create);
    }

    private static Div card(AppTemplate t) {
        Span title = new Span(t.name());
        title.getStyle().set("font-weight", "600");
        Span mode = new Span(AppModeLabels.label(t.mode()));
        mode.getElement().getThemeList().add("badge");
        mode.getStyle().set("margin-left", "var(--lumo-space-s)");
        Div description = new Div(t.description());
        description.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Div card = new Div(title, mode, description);
        card.addClassName("weft-template-card");
        card.getStyle().set("padding", "var(--lumo-space-xs) 0");
        return card;
    }
}
