package dev.weft.ui.settings;

import com.vaadin.flow.component.ClickEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.model.defaults.DefaultModelService;
import dev.weft.model.provider.ConnectionTestResult;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import dev.weft.model.provider.ProviderType;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Settings → Model providers: the workspace's model providers (OpenAI, Azure OpenAI, Anthropic, Gemini, Mistral,
 * Ollama, OpenAI-compatible servers, local GGUF files) that LLM nodes call. Add, edit, delete and test them; API keys are only ever shown masked. Below them, the workspace's
 * default chat, embedding and rerank models ({@link DefaultModelsForm}).
 */
@Route("settings/model-providers")
@PageTitle("Model providers")
@PermitAll
public class ModelProvidersView extends VerticalLayout {

    private final ModelProviderService providers;
    private final Account account;
    private final Grid<ModelProviderView> grid = new Grid<>(ModelProviderView.class, false);
    private final VerticalLayout emptyState = new VerticalLayout();
    private final DefaultModelsForm defaultModels;

    public ModelProvidersView(ModelProviderService providers, DefaultModelService defaults, EmbeddingModels embeddingModels,
            AccountService accounts) {
        this.providers = providers;
        this.account = accounts.requireCurrentAccount();
        this.defaultModels = new DefaultModelsForm(defaults, embeddingModels, account.getWorkspaceId());
        setWidthFull();

        Button add = new Button("Add provider", VaadinIcon.PLUS.create(), e -> openDialog(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout header = new HorizontalLayout(new H2("Model providers"), add);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);

        grid.addColumn(ModelProviderView::name).setHeader("Name").setSortable(true).setAutoWidth(true);
        grid.addColumn(p -> typeLabel(p.providerType())).setHeader("Type").setAutoWidth(true).setFlexGrow(0)
                .setTooltipGenerator(ModelProviderView::providerType);
        grid.addColumn(ModelProviderView::baseUrl).setHeader("Base URL or file").setAutoWidth(true).setFlexGrow(2)
                .setTooltipGenerator(ModelProviderView::baseUrl);
        grid.addColumn(p -> orDash(p.defaultModel())).setHeader("Default model").setAutoWidth(true);
        grid.addColumn(p -> orDash(p.maskedApiKey())).setHeader("API key").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setWidthFull();
        grid.setAllRowsVisible(true);

        Paragraph why = new Paragraph("Apps need a model provider to call a model. Add OpenAI, Azure OpenAI, Anthropic, Google Gemini,"
                + " Mistral, Ollama, any server that speaks the OpenAI API (Groq, DeepSeek, OpenRouter, vLLM, LM Studio), or a GGUF"
                + " model file that runs inside Weft.");
        why.getStyle().set("text-align", "center").set("max-width", "40rem");
        emptyState.add(new H2("No model providers yet"), why,
                new Button("Add your first provider", VaadinIcon.PLUS.create(), e -> openDialog(null)));
        emptyState.setAlignItems(FlexComponent.Alignment.CENTER);

        add(header, emptyState, grid, defaultModels);
        refresh();
    }

    private HorizontalLayout actions(ModelProviderView provider) {
        HorizontalLayout row = new HorizontalLayout(
                small("Test connection", e -> testConnection(provider)),
                small("Edit", e -> openDialog(provider)),
                small("Delete", e -> confirmDelete(provider)));
        row.setSpacing(false);
        return row;
    }

    private static Button small(String label, ComponentEventListener<ClickEvent<Button>> onClick) {
        Button b = new Button(label, onClick);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return b;
    }

    private void openDialog(ModelProviderView existing) {
        new ModelProviderDialog(providers, account.getWorkspaceId(), existing, saved -> {
            refresh();
            Notification.show((existing == null ? "Added " : "Saved ") + saved.name(), 2500, Notification.Position.BOTTOM_START);
        }).open();
    }

    private void testConnection(ModelProviderView provider) {
        ConnectionTestResult result;
        try {
            result = providers.testConnection(provider.id());
        } catch (NoSuchElementException e) {
            error(e.getMessage());
            refresh();
            return;
        }
        if (result.ok()) {
            Notification note = Notification.show("Connection to " + provider.name() + " works: " + result.model()
                    + " answered in " + result.millis() + " ms", 5000, Notification.Position.BOTTOM_START);
            note.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } else {
            error("Connection to " + provider.name() + " failed: " + result.message());
        }
    }

    private void confirmDelete(ModelProviderView provider) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + provider.name() + "?",
                "Apps whose nodes use '" + provider.name() + "' will fail until you choose another provider. Its API key is deleted too.",
                "Delete", e -> {
                    try {
                        providers.delete(provider.id());
                        Notification.show("Deleted " + provider.name(), 2500, Notification.Position.BOTTOM_START);
                    } catch (NoSuchElementException ex) {
                        error(ex.getMessage());
                    }
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    private static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private void refresh() {
        List<ModelProviderView> list = providers.list(account.getWorkspaceId());
        grid.setItems(list);
        grid.setVisible(!list.isEmpty());
        emptyState.setVisible(list.isEmpty());
        defaultModels.load(list);
    }

    /** The short name of a provider type: "Anthropic", "OpenAI-compatible", "Local GGUF file". */
    private static String typeLabel(String id) {
        try {
            String label = ProviderType.of(id).label();
            return label.contains(" (") ? label.substring(0, label.indexOf(" (")) : label;
        } catch (IllegalArgumentException e) {
            return id;
        }
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
