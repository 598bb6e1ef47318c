package dev.weft.ui.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.weft.model.catalog.ModelCatalog;
import dev.weft.model.catalog.ModelInfo;
import dev.weft.model.gateway.BudgetScope;
import dev.weft.model.gateway.GatewayBudgets;
import dev.weft.model.gateway.GatewayPolicies;
import dev.weft.model.gateway.GatewayPolicyException;
import dev.weft.model.gateway.PolicyScope;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;

/**
 * Settings → Gateway: the workspace's model gateway policy (JSON, checked on save with the wrong field named),
 * its budgets (tokens per minute, USD per month) with this month's spend, and the model catalogue: the shipped
 * models with the workspace's own entries (custom or self-hosted models, changed prices), which can be added,
 * changed and removed here.
 */
@Route("settings/gateway")
@PageTitle("Gateway")
@PermitAll
public class GatewaySettingsView extends VerticalLayout {

    private static final String EXAMPLE = """
            {"timeout_seconds": 60, "retry": {"max_retries": 2},
             "fallbacks": [{"provider": "backup", "model": "gpt-4o-mini"}],
             "cache": {"enabled": true, "ttl_seconds": 3600}}""";

    private final GatewayPolicies policies;
    private final GatewayBudgets budgets;
    private final ModelCatalog catalog;
    private final String workspaceId;

    private final TextArea policy = new TextArea("Workspace policy (JSON)");
    private final IntegerField tokensPerMinute = new IntegerField("Tokens per minute");
    private final NumberField costPerMonth = new NumberField("Cost per month (USD)");
    private final Span spent = new Span();
    private final Grid<ModelInfo> models = new Grid<>(ModelInfo.class, false);
    private final TextField model = new TextField("Model");
    private final IntegerField contextWindow = new IntegerField("Context window (tokens)");
    private final NumberField inputPrice = new NumberField("Input, USD per million tokens");
    private final NumberField outputPrice = new NumberField("Output, USD per million tokens");
    private final MultiSelectComboBox<String> capabilities = new MultiSelectComboBox<>("Capabilities");

    public GatewaySettingsView(GatewayPolicies policies, GatewayBudgets budgets, ModelCatalog catalog, AccountService accounts) {
        this.policies = policies;
        this.budgets = budgets;
        this.catalog = catalog;
        Account account = accounts.requireCurrentAccount();
        this.workspaceId = account.getWorkspaceId();
        setWidthFull();

        add(new H2("Model gateway"), new Paragraph("Every model call of every app goes through the gateway. The workspace"
                + " policy below applies to all apps; an app's policy overrides it, and an LLM node's model.gateway overrides both."));

        policy.setWidthFull();
        policy.setMinHeight("10rem");
        policy.setHelperText("Fields: timeout_seconds, first_token_timeout_seconds, attempt_timeout_seconds, retry, fallbacks,"
                + " load_balance, circuit_breaker, cache, semantic_cache. Example: " + EXAMPLE.replace('\n', ' '));
        Button savePolicy = new Button("Save policy", VaadinIcon.CHECK.create(), e -> savePolicy());
        savePolicy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(policy, savePolicy);

        add(new H3("Budgets"));
        tokensPerMinute.setMin(1);
        tokensPerMinute.setHelperText("Empty: no limit");
        costPerMonth.setMin(0);
        costPerMonth.setHelperText("Empty: no limit. Prices come from the catalogue below.");
        Button saveBudget = new Button("Save budgets", e -> saveBudgets());
        HorizontalLayout budgetRow = new HorizontalLayout(tokensPerMinute, costPerMonth, saveBudget);
        budgetRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(budgetRow, spent);

        add(new H3("Model catalogue"), new Paragraph("Prices and context windows of the models Weft knows. Add your own"
                + " models, or change a price, for this workspace; models not listed cost 0."));
        models.addColumn(ModelInfo::model).setHeader("Model").setSortable(true).setAutoWidth(true);
        models.addColumn(ModelInfo::source).setHeader("From").setAutoWidth(true).setFlexGrow(0);
        models.addColumn(m -> m.contextWindow() == null ? "—" : String.format("%,d", m.contextWindow())).setHeader("Context").setAutoWidth(true);
        models.addColumn(m -> m.inputPricePerMillion().toPlainString()).setHeader("Input $/M").setAutoWidth(true);
        models.addColumn(m -> m.outputPricePerMillion().toPlainString()).setHeader("Output $/M").setAutoWidth(true);
        models.addColumn(m -> String.join(", ", new TreeSet<>(m.capabilities()))).setHeader("Capabilities").setAutoWidth(true);
        models.addComponentColumn(this::rowActions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        models.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        models.setWidthFull();
        models.setHeight("24rem");

        capabilities.setItems(List.of(ModelInfo.TOOLS, ModelInfo.VISION, ModelInfo.JSON));
        contextWindow.setMin(1);
        inputPrice.setMin(0);
        outputPrice.setMin(0);
        Button saveEntry = new Button("Save entry", VaadinIcon.PLUS.create(), e -> saveEntry());
        HorizontalLayout entry = new HorizontalLayout(model, contextWindow, inputPrice, outputPrice, capabilities, saveEntry);
        entry.setAlignItems(FlexComponent.Alignment.BASELINE);
        entry.setWrap(true);
        add(models, entry);
        load();
    }

    private HorizontalLayout rowActions(ModelInfo info) {
        Button edit = new Button("Edit", e -> fill(info));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout row = new HorizontalLayout(edit);
        if (ModelInfo.WORKSPACE.equals(info.source())) {
            Button remove = new Button("Remove", e -> {
                catalog.delete(workspaceId, info.model());
                Notification.show("Removed " + info.model(), 2500, Notification.Position.BOTTOM_START);
                load();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            row.add(remove);
        }
        row.setSpacing(false);
        return row;
    }

    private void fill(ModelInfo info) {
        model.setValue(info.model());
        contextWindow.setValue(info.contextWindow());
        inputPrice.setValue(info.inputPricePerMillion().doubleValue());
        outputPrice.setValue(info.outputPricePerMillion().doubleValue());
        capabilities.setValue(info.capabilities());
    }

    private void savePolicy() {
        try {
            policies.save(PolicyScope.WORKSPACE, workspaceId, policy.getValue());
            policy.setInvalid(false);
            Notification.show("Saved the gateway policy", 2500, Notification.Position.BOTTOM_START);
            load();
        } catch (GatewayPolicyException e) {
            policy.setErrorMessage(e.getMessage());
            policy.setInvalid(true);
        }
    }

    private void saveBudgets() {
        try {
            budgets.setLimits(BudgetScope.WORKSPACE, workspaceId,
                    tokensPerMinute.getValue() == null ? null : tokensPerMinute.getValue().longValue(),
                    costPerMonth.getValue() == null ? null : BigDecimal.valueOf(costPerMonth.getValue()));
            Notification.show("Saved the budgets", 2500, Notification.Position.BOTTOM_START);
            load();
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
        }
    }

    private void saveEntry() {
        if (model.getValue().isBlank()) {
            model.setErrorMessage("Enter the model name as the provider knows it");
            model.setInvalid(true);
            return;
        }
        try {
            catalog.save(workspaceId, new ModelInfo(model.getValue(), null, contextWindow.getValue(),
                    inputPrice.getValue() == null ? BigDecimal.ZERO : BigDecimal.valueOf(inputPrice.getValue()),
                    outputPrice.getValue() == null ? BigDecimal.ZERO : BigDecimal.valueOf(outputPrice.getValue()),
                    capabilities.getValue(), ModelInfo.WORKSPACE));
            model.setInvalid(false);
            Notification.show("Saved " + model.getValue(), 2500, Notification.Position.BOTTOM_START);
            load();
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
        }
    }

    private void load() {
        String json = policies.storedJson(PolicyScope.WORKSPACE, workspaceId);
        policy.setValue("{}".equals(json) ? "" : json);
        policy.setPlaceholder(EXAMPLE);
        GatewayBudgets.Limits limits = budgets.limits(BudgetScope.WORKSPACE, workspaceId);
        tokensPerMinute.setValue(limits.tokensPerMinute() == null ? null : limits.tokensPerMinute().intValue());
        costPerMonth.setValue(limits.costPerMonth() == null ? null : limits.costPerMonth().doubleValue());
        spent.setText("Spent this month: $" + budgets.spentThisMonth(BudgetScope.WORKSPACE, workspaceId).stripTrailingZeros().toPlainString()
                + " (USD)");
        models.setItems(catalog.effectiveModels(workspaceId));
    }

    private static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
