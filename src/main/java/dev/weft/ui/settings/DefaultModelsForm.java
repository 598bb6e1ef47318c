package dev.weft.ui.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.model.defaults.DefaultModel;
import dev.weft.model.defaults.DefaultModelService;
import dev.weft.model.defaults.ModelType;
import dev.weft.model.provider.ModelProviderView;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings → Model providers → Default models: the chat model new LLM nodes start with, the embedding model new
 * knowledge bases use (one that runs inside Weft, or a provider's), and the rerank model new knowledge bases
 * rerank with. A default with no provider chosen is cleared.
 */
class DefaultModelsForm extends VerticalLayout {

    private final DefaultModelService defaults;
    private final String workspaceId;
    private final Select<ModelProviderView> chatProvider = providerSelect("Chat model provider", "Not set");
    private final TextField chatModel = new TextField("Chat model");
    private final Select<ModelProviderView> embeddingProvider = providerSelect("Embedding model provider",
            "Runs inside Weft (no provider)");
    private final Select<String> localEmbedding = new Select<>();
    private final TextField embeddingModel = new TextField("Embedding model");
    private final Select<ModelProviderView> rerankProvider = providerSelect("Rerank model provider", "Not set");
    private final TextField rerankModel = new TextField("Rerank model");

    DefaultModelsForm(DefaultModelService defaults, EmbeddingModels embeddingModels, String workspaceId) {
        this.defaults = defaults;
        this.workspaceId = workspaceId;
        setPadding(false);
        addClassName("weft-default-models");

        H3 title = new H3("Default models");
        title.getStyle().set("margin", "var(--lumo-space-l) 0 0 0");
        Paragraph intro = new Paragraph("New LLM nodes start on the chat model; new knowledge bases embed with the embedding "
                + "model and rerank with the rerank model. Existing apps and knowledge bases keep their own choice.");
        intro.getStyle().set("margin", "0").set("color", "var(--lumo-secondary-text-color)");

        chatModel.setPlaceholder("gpt-4o-mini");
        chatModel.setHelperText("The model name as the provider knows it.");
        localEmbedding.setLabel("Local embedding model");
        localEmbedding.setItems(embeddingModels.localIds());
        localEmbedding.setValue(EmbeddingModels.DEFAULT_ID);
        localEmbedding.setHelperText("Runs on this server; no text leaves it.");
        embeddingModel.setPlaceholder("text-embedding-3-small");
        rerankModel.setPlaceholder("bge-reranker-v2-m3");
        rerankModel.setHelperText("The provider must serve a Jina/Cohere-style /rerank endpoint.");
        embeddingProvider.addValueChangeListener(e -> showEmbeddingField());
        chatProvider.addValueChangeListener(e -> {
            if (e.getValue() != null && chatModel.getValue().isBlank() && e.getValue().defaultModel() != null) {
                chatModel.setValue(e.getValue().defaultModel());
            }
        });

        FormLayout form = new FormLayout(chatProvider, chatModel, embeddingProvider, localEmbedding, embeddingModel,
                rerankProvider, rerankModel);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 2));
        form.setMaxWidth("56rem");

        Button save = new Button("Save default models", e -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(title, intro, form, save);
    }

    /** Loads the workspace's providers and current defaults into the fields. */
    void load(List<ModelProviderView> providers) {
        for (Select<ModelProviderView> s : List.of(chatProvider, embeddingProvider, rerankProvider)) {
            s.setItems(providers);
        }
        Map<ModelType, DefaultModel> all = defaults.all(workspaceId);
        fill(all.get(ModelType.CHAT), chatProvider, chatModel, providers);
        fill(all.get(ModelType.RERANK), rerankProvider, rerankModel, providers);
        DefaultModel embedding = all.get(ModelType.EMBEDDING);
        if (embedding != null && embedding.isLocal()) {
            embeddingProvider.clear();
            localEmbedding.setValue(embedding.model());
        } else {
            fill(embedding, embeddingProvider, embeddingModel, providers);
        }
        showEmbeddingField();
    }

    private static void fill(DefaultModel d, Select<ModelProviderView> provider, TextField model, List<ModelProviderView> providers) {
        ModelProviderView p = d == null ? null
                : providers.stream().filter(v -> Objects.equals(v.id(), d.providerId())).findFirst().orElse(null);
        provider.setValue(p);
        model.setValue(p == null ? "" : d.model());
    }

    private void showEmbeddingField() {
        boolean local = embeddingProvider.getValue() == null;
        localEmbedding.setVisible(local);
        embeddingModel.setVisible(!local);
    }

    private void save() {
        List.of(chatModel, embeddingModel, rerankModel).forEach(f -> f.setInvalid(false));
        boolean ok = apply(ModelType.CHAT, chatProvider.getValue(), chatModel.getValue(), chatModel)
                & apply(ModelType.EMBEDDING, embeddingProvider.getValue(),
                        embeddingProvider.getValue() == null ? localEmbedding.getValue() : embeddingModel.getValue(), embeddingModel)
                & apply(ModelType.RERANK, rerankProvider.getValue(), rerankModel.getValue(), rerankModel);
        if (ok) {
            Notification.show("Saved the default models", 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
    }

    private boolean apply(ModelType type, ModelProviderView provider, String model, TextField field) {
        try {
            if (provider == null && type != ModelType.EMBEDDING) {
                defaults.clear(workspaceId, type);
            } else {
                defaults.set(workspaceId, new DefaultModel(type, provider == null ? null : provider.id(), model));
            }
            return true;
        } catch (IllegalArgumentException e) {
            field.setErrorMessage(sentence(e.getMessage()));
            field.setInvalid(true);
            return false;
        }
    }

    private static Select<ModelProviderView> providerSelect(String label, String emptyCaption) {
        Select<ModelProviderView> s = new Select<>();
        s.setLabel(label);
        s.setEmptySelectionAllowed(true);
        s.setEmptySelectionCaption(emptyCaption);
        s.setItemLabelGenerator(p -> p == null ? emptyCaption : p.name());
        return s;
    }

    private static String sentence(String m) {
        return m == null || m.isEmpty() ? "Invalid value" : Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }
}
