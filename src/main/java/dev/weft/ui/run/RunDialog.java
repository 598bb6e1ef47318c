package dev.weft.ui.run;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.app.App;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.variable.Values;
import dev.weft.run.AppRunService;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.AppRunService.StartedRun;
import dev.weft.run.CreatedByRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an app's draft: the start node's inputs (and a message for chat apps), the answer streamed as it
 * arrives, and a trace with one row per node execution (status, time, tokens; inputs and outputs on click).
 */
final class RunDialog extends Dialog {

    private final App app;
    private final AppRunService runs;
    private final String accountId;
    private final RunInputsForm inputs;
    private final TextField query = new TextField("Message");
    private final Button run = new Button("Run");
    private final Button stop = new Button("Stop");
    private final Div output = new Div();
    private final Span status = new Span();
    private final Grid<NodeTraceRow> trace = new Grid<>(NodeTraceRow.class, false);
    private final Pre details = new Pre();
    private final Map<String, NodeTraceRow> rows = new LinkedHashMap<>();
    private StartedRun current;
    private String conversationId;

    RunDialog(App app, AppDefinition draft, AppRunService runs, String accountId) {
        this.app = app;
        this.runs = runs;
        this.accountId = accountId;
        this.inputs = new RunInputsForm(draft);
        setHeaderTitle("Run " + app.getName());
        setWidth("960px");
        setHeight("85vh");
        setResizable(true);

        boolean chat = draft.mode().isChat();
        query.setWidthFull();
        query.setPlaceholder("Type a message and press Enter");
        query.setVisible(chat);
        query.addKeyPressListener(Key.ENTER, e -> start());
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> start());
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        stop.setEnabled(false);
        stop.addClickListener(e -> {
            if (current != null) {
                runs.stop(current.taskId());
            }
        });

        output.addClassName("weft-run-output");
        output.getStyle().set("white-space", "pre-wrap").set("min-height", "4em").set("padding", "var(--lumo-space-s)")
                .set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)");
        status.addClassName("weft-run-status");

        trace.addColumn(NodeTraceRow::title).setHeader("Node").setFlexGrow(2);
        trace.addColumn(NodeTraceRow::type).setHeader("Type");
        trace.addColumn(NodeTraceRow::status).setHeader("Status");
        trace.addColumn(r -> r.elapsedMillis() + " ms").setHeader("Time");
        trace.addColumn(NodeTraceRow::tokens).setHeader("Tokens");
        trace.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        trace.setHeight("240px");
        trace.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::showDetails));
        details.getStyle().set("max-height", "220px").set("overflow", "auto").set("font-size", "var(--lumo-font-size-s)");

        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        if (!inputs.isEmpty()) {
            body.add(new H4("Inputs"), inputs);
        }
        HorizontalLayout actions = new HorizontalLayout(query, run, stop);
        actions.setWidthFull();
        actions.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        body.add(actions, new H4(chat ? "Answer" : "Output"), output, status, new H4("Trace"), trace, details);
        add(body);
        getFooter().add(new Button("Close", e -> close()));
    }

    private void start() {
        if (current != null && !current.handle().isDone()) {
            return;
        }
        boolean chat = app.getMode().isChat();
        if (chat && query.getValue().isBlank()) {
            query.setInvalid(true);
            query.setErrorMessage("Type a message to send");
            return;
        }
        query.setInvalid(false);
        UI ui = UI.getCurrent();
        rows.clear();
        trace.setItems(List.of());
        details.setText("");
        output.setText("");
        status.setText("Running…");
        status.getStyle().remove("color");
        run.setEnabled(false);
        stop.setEnabled(true);
        RunCommand command = new RunCommand(app.getId(), null, inputs.values(), chat ? query.getValue() : null,
                accountId, CreatedByRole.ACCOUNT, conversationId, null, null);
        try {
            current = runs.start(command, event -> ui.access(() -> onEvent(event)));
            conversationId = current.conversationId();
            if (chat) {
                query.clear();
            }
        } catch (RuntimeException e) {
            finish("Could not start: " + e.getMessage(), true);
        }
    }

    private void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.TextChunk chunk -> output.add(new Span(chunk.text()));
            case RunEvent.NodeStarted started -> put(NodeTraceRow.started(started));
            case RunEvent.NodeFinished finished -> put(NodeTraceRow.finished(finished));
            case RunEvent.WorkflowFinished finished -> {
                if (app.getMode() != AppMode.ADVANCED_CHAT && app.getMode() != AppMode.CHAT && output.getChildren().findAny().isEmpty()) {
                    output.setText(Values.toText(finished.outputs()));
                }
                finish(finished.status().value() + " in " + finished.elapsedMillis() + " ms, " + finished.totalTokens()
                        + " tokens, " + finished.totalSteps() + " steps"
                        + (finished.error() == null ? "" : ": " + finished.error()), finished.error() != null);
            }
            default -> { }
        }
    }

    private void put(NodeTraceRow row) {
        rows.put(row.executionId(), row);
        trace.setItems(new ArrayList<>(rows.values()));
    }

    private void finish(String text, boolean failed) {
        status.setText(text);
        if (failed) {
            status.getStyle().set("color", "var(--lumo-error-text-color)");
        }
        run.setEnabled(true);
        stop.setEnabled(false);
    }

    private void showDetails(NodeTraceRow row) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("inputs", row.inputs());
        shown.put("outputs", row.outputs());
        if (row.error() != null) {
            shown.put("error", row.error());
        }
        details.setText(Values.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(shown));
    }
}
