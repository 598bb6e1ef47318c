package dev.weft.ui.settings;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.model.provider.ModelProvider;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Adds a model provider, or edits one. The stored API key is never shown: on edit a blank key field keeps it,
 * and a checkbox removes it. The service's validation messages appear on the field they are about.
 */
class ModelProviderDialog extends Dialog {

    private final ModelProviderService providers;
    private final String workspaceId;
    private final ModelProviderView existing;
    private final Consumer<ModelProviderView> onSaved;

    private final TextField name = new TextField("Name");
    private final TextField baseUrl = new TextField("Base URL");
    private final PasswordField apiKey = new PasswordField("API key (optional)");
    private final Checkbox removeKey = new Checkbox("Remove the stored API key");
    private final TextField defaultModel = new TextField("Default model");

    ModelProviderDialog(ModelProviderService providers, String workspaceId, ModelProviderView existing,
            Consumer<ModelProviderView> onSaved) {
        this.providers = providers;
        this.workspaceId = workspaceId;
        this.existing = existing;
        this.onSaved = onSaved;
        setHeaderTitle(existing == null ? "Add model provider" : "Edit " + existing.name());

        name.setRequired(true);
        name.setPlaceholder("OpenAI");
        name.setHelperText("Nodes choose a provider by this name.");
        baseUrl.setRequired(true);
        baseUrl.setPlaceholder("https://api.openai.com/v1");
        baseUrl.setHelperText("Where the OpenAI-compatible API lives, for example https://api.openai.com/v1,"
                + " http://localhost:11434/v1 (Ollama) or http://localhost:8000/v1 (vLLM).");
        defaultModel.setPlaceholder("gpt-4o-mini");
        defaultModel.setHelperText("Used by new apps and by Test connection, for example gpt-4o-mini or llama3.2.");
        apiKey.setRevealButtonVisible(true);
        if (existing == null) {
            apiKey.setHelperText("Leave empty for servers that need no key, such as a local Ollama.");
        } else {
            name.setValue(existing.name());
            baseUrl.setValue(existing.baseUrl());
            defaultModel.setValue(existing.defaultModel() == null ? "" : existing.defaultModel());
            apiKey.setHelperText(existing.maskedApiKey() == null
                    ? "No key is stored. Leave empty to keep it that way."
                    : "A key is stored (" + existing.maskedApiKey() + "). Leave empty to keep it, or type a new one.");
            apiKey.setPlaceholder(existing.maskedApiKey() == null ? "" : "unchanged");
            removeKey.setVisible(existing.maskedApiKey() != null);
            removeKey.addValueChangeListener(e -> apiKey.setEnabled(!e.getValue()));
        }
        if (existing == null) {
            removeKey.setVisible(false);
        }
        List.of(name, baseUrl, apiKey, defaultModel).forEach(f -> {
            f.setWidthFull();
            f.setManualValidation(true); // the errors below come from save(), not from the field's own checks
        });

        VerticalLayout fields = new VerticalLayout(name, baseUrl, apiKey, removeKey, defaultModel);
        fields.setPadding(false);
        fields.setSpacing(false);
        fields.setWidth("32rem");
        fields.setMaxWidth("100%");
        add(fields);

        Button save = new Button(existing == null ? "Add" : "Save", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        getFooter().add(new Button("Cancel", e -> close()), save);
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                name.focus();
            }
        });
    }

    private void save() {
        List.of(name, baseUrl, apiKey, defaultModel).forEach(f -> clearError(f));
        if (name.getValue().isBlank()) {
            showError(name, "Give the provider a name");
            return;
        }
        if (baseUrl.getValue().isBlank()) {
            showError(baseUrl, "Enter the base URL, for example https://api.openai.com/v1");
            return;
        }
        try {
            ModelProviderView saved = existing == null
                    ? providers.create(new ModelProviderDraft(workspaceId, name.getValue(), ModelProvider.OPENAI_COMPATIBLE,
                            baseUrl.getValue(), apiKey.getValue(), defaultModel.getValue(), null))
                    : providers.update(existing.id(), new ModelProviderDraft(workspaceId, name.getValue(),
                            existing.providerType(), baseUrl.getValue(), keyForUpdate(), defaultModel.getValue(),
                            existing.configJson()));
            close();
            onSaved.accept(saved);
        } catch (IllegalArgumentException e) {
            showError(fieldFor(e.getMessage()), capitalized(e.getMessage()));
        } catch (NoSuchElementException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** Null keeps the stored key, blank removes it (see {@link ModelProviderDraft}). */
    private String keyForUpdate() {
        if (removeKey.getValue()) {
            return "";
        }
        return apiKey.getValue().isBlank() ? null : apiKey.getValue();
    }

    /** Which field a service message is about; the name field when it names none other. */
    private HasValidation fieldFor(String message) {
        String m = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("base url")) {
            return baseUrl;
        }
        if (m.contains("key")) {
            return apiKey;
        }
        if (m.contains("model") && !m.contains("provider")) {
            return defaultModel;
        }
        return name;
    }

    private static void showError(HasValidation field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }

    private static void clearError(HasValidation field) {
        field.setInvalid(false);
        field.setErrorMessage(null);
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty() ? "Invalid value" : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
