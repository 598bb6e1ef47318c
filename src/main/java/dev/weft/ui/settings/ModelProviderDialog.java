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
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.model.openai.OpenAiDialect;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import dev.weft.model.provider.ProviderType;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds a model provider, or edits one. The type decides the fields: a base URL (with the type's default when left
 * empty), Azure's API version, Ollama's context window, or a local GGUF file's path, context size, threads and GPU
 * layers. The stored API key is never shown: on edit a blank key field keeps it, and a checkbox removes it. The
 * service's validation messages appear on the field they are about. Per-type settings are stored in the provider's
 * config JSON, beside any other keys it has (such as timeouts).
 */
class ModelProviderDialog extends Dialog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelProviderService providers;
    private final String workspaceId;
    private final ModelProviderView existing;
    private final Consumer<ModelProviderView> onSaved;

    private final Select<ProviderType> type = new Select<>();
    private final TextField name = new TextField("Name");
    private final TextField baseUrl = new TextField("Base URL");
    private final PasswordField apiKey = new PasswordField("API key (optional)");
    private final Checkbox removeKey = new Checkbox("Remove the stored API key");
    private final TextField defaultModel = new TextField("Default model");
    private final TextField apiVersion = new TextField("API version");
    private final TextField numCtx = new TextField("Context window (num_ctx)");
    private final TextField contextSize = new TextField("Context size (tokens)");
    private final TextField threads = new TextField("CPU threads");
    private final TextField gpuLayers = new TextField("GPU layers");
    private final TextField maxTokens = new TextField("Default answer length (tokens)");

    ModelProviderDialog(ModelProviderService providers, String workspaceId, ModelProviderView existing,
            Consumer<ModelProviderView> onSaved) {
        this.providers = providers;
        this.workspaceId = workspaceId;
        this.existing = existing;
        this.onSaved = onSaved;
        setHeaderTitle(existing == null ? "Add model provider" : "Edit " + existing.name());

        type.setLabel("Type");
        type.setItems(ProviderType.values());
        type.setItemLabelGenerator(ProviderType::label);
        type.setWidthFull();
        name.setRequired(true);
        name.setPlaceholder("OpenAI");
        name.setHelperText("Nodes choose a provider by this name. Add one provider per API key to use several keys.");
        apiVersion.setPlaceholder(OpenAiDialect.DEFAULT_AZURE_API_VERSION);
        apiVersion.setHelperText("Azure OpenAI's api-version; empty: " + OpenAiDialect.DEFAULT_AZURE_API_VERSION + ".");
        numCtx.setPlaceholder("Ollama's default");
        numCtx.setHelperText("Tokens of context Ollama gives the model (prompt and answer). Longer prompts are cut, so raise it for knowledge bases.");
        contextSize.setPlaceholder("4096");
        contextSize.setHelperText("Tokens of prompt plus answer. More needs more memory.");
        threads.setPlaceholder("automatic");
        threads.setHelperText("CPU threads llama.cpp uses; empty: its own choice.");
        gpuLayers.setPlaceholder("0 (CPU only)");
        gpuLayers.setHelperText("Layers to offload to a GPU. Needs a GPU build of llama.cpp's library (see the README); 0 runs on the CPU.");
        maxTokens.setPlaceholder("512");
        maxTokens.setHelperText("Used when a node sets no max_tokens.");
        // whole numbers in text fields: the settings route's bundle chunk has no integer field component
        for (TextField f : List.of(numCtx, contextSize, threads, gpuLayers, maxTokens)) {
            f.setAllowedCharPattern("[0-9]");
        }
        apiKey.setRevealButtonVisible(true);

        JsonNode config = JSON.createObjectNode();
        if (existing == null) {
            type.setValue(ProviderType.OPENAI_COMPATIBLE);
            apiKey.setHelperText("Leave empty for servers that need no key, such as a local Ollama.");
            removeKey.setVisible(false);
        } else {
            type.setValue(typeOf(existing.providerType()));
            name.setValue(existing.name());
            baseUrl.setValue(existing.baseUrl());
            defaultModel.setValue(existing.defaultModel() == null ? "" : existing.defaultModel());
            apiKey.setHelperText(existing.maskedApiKey() == null
                    ? "No key is stored. Leave empty to keep it that way."
                    : "A key is stored (" + existing.maskedApiKey() + "). Leave empty to keep it, or type a new one.");
            apiKey.setPlaceholder(existing.maskedApiKey() == null ? "" : "unchanged");
            removeKey.setVisible(existing.maskedApiKey() != null);
            removeKey.addValueChangeListener(e -> apiKey.setEnabled(!e.getValue()));
            config = parse(existing.configJson());
        }
        apiVersion.setValue(config.path("api_version").isString() ? config.path("api_version").stringValue() : "");
        numCtx.setValue(number(config, "num_ctx"));
        contextSize.setValue(number(config, "context_size"));
        threads.setValue(number(config, "threads"));
        gpuLayers.setValue(number(config, "gpu_layers"));
        maxTokens.setValue(number(config, "max_tokens"));
        type.addValueChangeListener(e -> showFieldsOf(e.getValue()));
        showFieldsOf(type.getValue());

        // the errors below come from save(), not from the fields' own checks
        for (TextField f : List.of(name, baseUrl, defaultModel, apiVersion)) {
            f.setWidthFull();
            f.setManualValidation(true);
        }
        apiKey.setWidthFull();
        apiKey.setManualValidation(true);
        for (TextField f : List.of(numCtx, contextSize, threads, gpuLayers, maxTokens)) {
            f.setWidthFull();
            f.setManualValidation(true);
        }

        VerticalLayout fields = new VerticalLayout(type, name, baseUrl, apiKey, removeKey, defaultModel, apiVersion, numCtx,
                contextSize, threads, gpuLayers, maxTokens);
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

    /** Labels, placeholders and visible fields for one provider type. */
    private void showFieldsOf(ProviderType t) {
        ProviderType chosen = t == null ? ProviderType.OPENAI_COMPATIBLE : t;
        boolean local = chosen.local();
        baseUrl.setLabel(local ? "Model file path" : chosen == ProviderType.AZURE_OPENAI ? "Endpoint" : "Base URL");
        baseUrl.setRequired(local || chosen.defaultBaseUrl() == null);
        baseUrl.setPlaceholder(switch (chosen) {
            case LOCAL_GGUF -> "/models/qwen2.5-0.5b-instruct-q4_k_m.gguf";
            case AZURE_OPENAI -> "https://YOUR-RESOURCE.openai.azure.com";
            case OPENAI_COMPATIBLE -> "https://api.openai.com/v1";
            default -> chosen.defaultBaseUrl();
        });
        baseUrl.setHelperText(switch (chosen) {
            case LOCAL_GGUF -> "The .gguf file on the Weft server. It is loaded into Weft's memory on first use and runs with llama.cpp.";
            case AZURE_OPENAI -> "Your Azure OpenAI resource's endpoint. Nodes name the deployment as their model.";
            case OPENAI_COMPATIBLE -> "Where the OpenAI-compatible API lives, for example https://api.openai.com/v1,"
                    + " http://localhost:11434/v1 (Ollama) or http://localhost:8000/v1 (vLLM).";
            case OLLAMA -> "Leave empty for Ollama on this machine (" + chosen.defaultBaseUrl() + "). Weft uses Ollama's native /api/chat.";
            default -> "Leave empty for " + chosen.defaultBaseUrl() + ", or give a proxy's URL.";
        });
        apiKey.setVisible(!local);
        removeKey.setVisible(!local && existing != null && existing.maskedApiKey() != null);
        defaultModel.setVisible(!local);
        defaultModel.setLabel(chosen == ProviderType.AZURE_OPENAI ? "Default deployment" : "Default model");
        defaultModel.setPlaceholder(switch (chosen) {
            case ANTHROPIC -> "claude-3-5-haiku-latest";
            case GEMINI -> "gemini-2.0-flash";
            case MISTRAL -> "mistral-small-latest";
            case OLLAMA -> "llama3.2";
            case AZURE_OPENAI -> "my-gpt-4o-deployment";
            default -> "gpt-4o-mini";
        });
        defaultModel.setHelperText("Used by new apps and by Test connection, for example " + defaultModel.getPlaceholder() + ".");
        apiVersion.setVisible(chosen == ProviderType.AZURE_OPENAI);
        numCtx.setVisible(chosen == ProviderType.OLLAMA);
        for (TextField f : List.of(contextSize, threads, gpuLayers, maxTokens)) {
            f.setVisible(local);
        }
    }

    private void save() {
        List.<HasValidation>of(name, baseUrl, apiKey, defaultModel, apiVersion, numCtx, contextSize, threads, gpuLayers, maxTokens)
                .forEach(ModelProviderDialog::clearError);
        ProviderType chosen = type.getValue() == null ? ProviderType.OPENAI_COMPATIBLE : type.getValue();
        if (name.getValue().isBlank()) {
            showError(name, "Give the provider a name");
            return;
        }
        if (baseUrl.getValue().isBlank() && (chosen.local() || chosen.defaultBaseUrl() == null)) {
            showError(baseUrl, chosen.local() ? "Enter the path of the .gguf model file"
                    : chosen == ProviderType.AZURE_OPENAI ? "Enter the endpoint, for example https://YOUR-RESOURCE.openai.azure.com"
                    : "Enter the base URL, for example https://api.openai.com/v1");
            return;
        }
        try {
            String config = config(chosen);
            String model = chosen.local() ? null : defaultModel.getValue();
            ModelProviderView saved = existing == null
                    ? providers.create(new ModelProviderDraft(workspaceId, name.getValue(), chosen.id(),
                            baseUrl.getValue(), chosen.local() ? null : apiKey.getValue(), model, config))
                    : providers.update(existing.id(), new ModelProviderDraft(workspaceId, name.getValue(),
                            chosen.id(), baseUrl.getValue(), chosen.local() ? "" : keyForUpdate(), model, config));
            close();
            onSaved.accept(saved);
        } catch (IllegalArgumentException e) {
            showError(fieldFor(e.getMessage()), capitalized(e.getMessage()));
        } catch (NoSuchElementException e) {
            Notification.show(e.getMessage(), 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** The stored config with this type's fields set (or removed when empty) and other keys kept. */
    private String config(ProviderType chosen) {
        ObjectNode config = (ObjectNode) parse(existing == null ? null : existing.configJson()).deepCopy();
        for (String key : List.of("api_version", "num_ctx", "context_size", "threads", "gpu_layers", "max_tokens")) {
            config.remove(key);
        }
        if (chosen == ProviderType.AZURE_OPENAI && !apiVersion.getValue().isBlank()) {
            config.put("api_version", apiVersion.getValue().strip());
        }
        if (chosen == ProviderType.OLLAMA) {
            putNumber(config, "num_ctx", numCtx);
        }
        if (chosen.local()) {
            putNumber(config, "context_size", contextSize);
            putNumber(config, "threads", threads);
            putNumber(config, "gpu_layers", gpuLayers);
            putNumber(config, "max_tokens", maxTokens);
        }
        return config.isEmpty() ? null : JSON.writeValueAsString(config);
    }

    private static void putNumber(ObjectNode config, String key, TextField field) {
        String value = field.getValue().strip();
        if (value.isEmpty()) {
            return;
        }
        try {
            config.put(key, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the provider config field " + key + " must be a whole number, got '" + value + "'");
        }
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node.isObject() ? node : JSON.createObjectNode();
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    private static String number(JsonNode config, String key) {
        return config.path(key).isNumber() ? Integer.toString(config.path(key).asInt()) : "";
    }

    private static ProviderType typeOf(String id) {
        try {
            return ProviderType.of(id);
        } catch (IllegalArgumentException e) {
            return ProviderType.OPENAI_COMPATIBLE;
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
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("gpu_layers") || m.contains("gpu layers")) {
            return gpuLayers;
        }
        if (m.contains("threads")) {
            return threads;
        }
        if (m.contains("context size") || m.contains("context_size")) {
            return contextSize;
        }
        if (m.contains("num_ctx")) {
            return numCtx;
        }
        if (m.contains("max_tokens")) {
            return maxTokens;
        }
        if (m.contains("base url") || m.contains("gguf") || m.contains("model file") || m.contains("path") || m.contains("azure")) {
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
