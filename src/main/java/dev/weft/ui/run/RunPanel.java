package dev.weft.ui.run;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import dev.weft.app.App;
import dev.weft.app.definition.AppDefinition;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.variable.Values;
import dev.weft.run.AppRunService;
import dev.weft.run.AppRunService.RunCommand;
import dev.weft.run.AppRunService.StartedRun;
import dev.weft.run.CreatedByRole;
import dev.weft.engine.event.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an app's draft (in the Run dialog of the app list and in the designer's side panel): the start node's inputs (and a message for chat apps), the answer streamed as it
 * arrives, and a trace with one row per node execution (status, time, tokens; inputs and outputs on click).
 * For chat apps the output is the conversation so far: every message of this dialog goes to the same
 * conversation until "New conversation" is clicked.
 */
public final class RunPanel extends VerticalLayout {

    private static final String TRACE_HEIGHT = "240px";
    private static final String DETAILS_HINT = "Select a node in the trace to see its inputs and outputs.";

    private final App app;
    private final AppRunService runs;
    private final String accountId;
    private final boolean chat;
    private final RunInputsForm inputs;
    private final TextField query = new TextField("Message");
    private final Button run = new Button("Run");
    private final Button stop = new Button("Stop");
    private final Button newConversation = new Button("New conversation");
    private final Div output = new Div();
    private final Span status = new Span();
    private final Grid<NodeTraceRow> trace = new Grid<>(NodeTraceRow.class, false);
    private final Pre details = new Pre();
    private final Map<String, NodeTraceRow> rows = new LinkedHashMap<>();
    private final HorizontalLayout traceAndDetails = new HorizontalLayout();
    private final HorizontalLayout actions = new HorizontalLayout();
    private Div answer;
    private StartedRun current;
    private String conversationId;

    private Runnable beforeRun = () -> { };

    public RunPanel(App app, AppDefinition draft, AppRunService runs, String accountId) {
        this.app = app;
        this.runs = runs;
        this.accountId = accountId;
        this.chat = draft.mode().isChat();
        this.inputs = new RunInputsForm(draft);
        setPadding(false);
        setSpacing(false);
        addClassName("weft-run-panel");

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
        newConversation.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        newConversation.setVisible(chat);
        newConversation.setEnabled(false);
        newConversation.addClickListener(e -> resetConversation());

        output.addClassName("weft-run-output");
        output.setWidthFull();
        output.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere").set("min-height", "4em")
                .set("max-height", "16em").set("overflow", "auto").set("box-sizing", "border-box")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)");
        showHint();
        status.addClassName("weft-run-status");
        status.getStyle().set("font-size", "var(--lumo-font-size-s)");

        trace.addClassName("weft-run-trace");
        // the node's title with its type in small grey letters after it: one column, so long types fit
        trace.addColumn(LitRenderer.<NodeTraceRow>of("<span>${item.title}</span>"
                        + " <span style=\"color: var(--lumo-secondary-text-color); font-size: var(--lumo-font-size-xs)\">"
                        + "${item.type}</span>")
                        .withProperty("title", NodeTraceRow::title).withProperty("type", NodeTraceRow::type))
                .setHeader("Node").setFlexGrow(1).setTooltipGenerator(r -> r.title() + " (" + r.type() + ")");
        trace.addColumn(NodeTraceRow::status).setHeader("Status").setWidth("7.5rem").setFlexGrow(0);
        trace.addColumn(r -> r.elapsedMillis() + " ms").setHeader("Time").setWidth("5.5rem").setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        trace.addColumn(NodeTraceRow::tokens).setHeader("Tokens").setWidth("5rem").setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        trace.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        trace.setHeight(TRACE_HEIGHT);
        trace.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(this::showDetails));
        details.addClassName("weft-run-details");
        details.getStyle().set("height", TRACE_HEIGHT).set("margin", "0").set("overflow", "auto")
                .set("box-sizing", "border-box").set("padding", "var(--lumo-space-s)")
                .set("white-space", "pre-wrap").set("overflow-wrap", "anywhere")
                .set("font-size", "var(--lumo-font-size-xs)").set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        clearDetails();
        traceAndDetails.add(trace, details);
        traceAndDetails.setWidthFull();
        traceAndDetails.setFlexGrow(3, trace);
        traceAndDetails.setFlexGrow(2, details);
        trace.setWidth(null);
        details.setWidth("0");
        trace.setMinWidth("0");

        VerticalLayout body = this;
        actions.add(query, run, stop, newConversation);
        actions.setWidthFull();
        actions.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        if (!inputs.isEmpty()) {
            H4 inputsHeading = heading("Inputs");
            inputsHeading.getStyle().set("margin-top", "0");
            body.add(inputsHeading, inputs);
            actions.getStyle().set("margin-top", "var(--lumo-space-s)");
        }
        body.add(actions, heading(chat ? "Conversation" : "Output"), output, status, heading("Trace"), traceAndDetails);
    }

    /** Runs before each run starts (the designer saves the draft there, since runs read the stored draft). */
    public void setBeforeRun(Runnable beforeRun) {
        this.beforeRun = beforeRun == null ? () -> { } : beforeRun;
    }

    /** Narrow layout for a side panel: the trace above its details instead of beside them. */
    public void stackTrace() {
        actions.getStyle().set("flex-wrap", "wrap");
        query.getStyle().set("flex-basis", "100%");
        traceAndDetails.getElement().getStyle().set("flex-direction", "column");
        details.setWidthFull();
        trace.setWidthFull();
    }

    /** Focuses the message field (chat apps) or the run button. */
    public void focusInput() {
        if (chat) {
            query.focus();
        } else {
            run.focus();
        }
    }

    private static H4 heading(String text) {
        H4 h = new H4(text);
        h.getStyle().set("margin", "var(--lumo-space-m) 0 var(--lumo-space-xs)");
        return h;
    }

    private void start() {
        if (current != null && !current.handle().isDone()) {
            return;
        }
        if (chat && query.getValue().isBlank()) {
            query.setInvalid(true);
            query.setErrorMessage("Type a message to send");
            return;
        }
        query.setInvalid(false);
        try {
            beforeRun.run();
        } catch (RuntimeException e) {
            status.setText("Could not save the draft: " + e.getMessage());
            return;
        }
        UI ui = UI.getCurrent();
        rows.clear();
        trace.setItems(List.of());
        clearDetails();
        status.setText("Running…");
        status.getStyle().remove("color");
        run.setEnabled(false);
        stop.setEnabled(true);
        newConversation.setEnabled(false);
        String message = chat ? query.getValue() : null;
        beginOutput(message);
        RunCommand command = new RunCommand(app.getId(), null, inputs.values(), message,
                accountId, CreatedByRole.ACCOUNT, conversationId, null, null);
        try {
            current = runs.start(command, event -> ui.access(() -> onEvent(event)));
            conversationId = current.conversationId();
            if (chat) {
                query.clear();
            }
        } catch (RuntimeException e) {
            finish("Could not start: " + e.getMessage(), RunStatus.FAILED);
        }
    }

    /** Workflow: a fresh output box. Chat: the message joins the conversation with an empty answer below it. */
    private void beginOutput(String message) {
        if (!chat) {
            output.removeAll();
            answer = output;
            return;
        }
        if (conversationId == null) {
            output.removeAll();
        }
        Div said = new Div(new Span(message));
        said.addClassName("weft-run-query");
        said.getStyle().set("font-weight", "600").set("margin-top", "var(--lumo-space-s)");
        answer = new Div();
        answer.addClassName("weft-run-answer");
        answer.getStyle().set("margin-bottom", "var(--lumo-space-s)");
        output.add(said, answer);
        scrollOutputToEnd();
    }

    private void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.TextChunk chunk -> {
                answer.add(new Span(chunk.text()));
                scrollOutputToEnd();
            }
            case RunEvent.NodeStarted started -> put(NodeTraceRow.started(started));
            case RunEvent.NodeFinished finished -> put(NodeTraceRow.finished(finished));
            case RunEvent.WorkflowFinished finished -> {
                if (!chat && answer.getChildren().findAny().isEmpty()) {
                    answer.setText(resultText(finished.outputs()));
                }
                finish(finished.status().value() + " in " + finished.elapsedMillis() + " ms, " + finished.totalTokens()
                        + " tokens, " + finished.totalSteps() + " steps"
                        + (finished.error() == null ? "" : ": " + finished.error()), finished.status());
            }
            default -> { }
        }
    }

    /** A workflow's single text output as plain text; anything else as indented JSON. */
    static String resultText(Map<String, Object> outputs) {
        if (outputs != null && outputs.size() == 1 && outputs.values().iterator().next() instanceof String text) {
            return text;
        }
        return Values.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(outputs == null ? Map.of() : outputs);
    }

    private void put(NodeTraceRow row) {
        rows.put(row.executionId(), row);
        trace.setItems(new ArrayList<>(rows.values()));
    }

    private void finish(String text, RunStatus result) {
        status.setText(text);
        String color = switch (result) {
            case SUCCEEDED -> "var(--lumo-success-text-color)";
            case FAILED -> "var(--lumo-error-text-color)";
            default -> "var(--lumo-secondary-text-color)";
        };
        status.getStyle().set("color", color);
        run.setEnabled(true);
        stop.setEnabled(false);
        newConversation.setEnabled(conversationId != null);
        if (chat) {
            query.focus();
        }
    }

    private void resetConversation() {
        conversationId = null;
        showHint();
        status.setText("");
        rows.clear();
        trace.setItems(List.of());
        clearDetails();
        newConversation.setEnabled(false);
        query.focus();
    }

    private void showHint() {
        Span hint = new Span(chat ? "Send a message to start a conversation." : "Fill in the inputs and click Run.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        output.removeAll();
        output.add(hint);
    }

    private void scrollOutputToEnd() {
        output.getElement().executeJs("this.scrollTop = this.scrollHeight");
    }

    private void clearDetails() {
        details.setText(DETAILS_HINT);
        details.getStyle().set("color", "var(--lumo-secondary-text-color)");
    }

    private void showDetails(NodeTraceRow row) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("node", row.nodeId());
        shown.put("inputs", row.inputs());
        shown.put("outputs", row.outputs());
        if (row.error() != null) {
            shown.put("error", row.error());
        }
        details.setText(Values.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(shown));
        details.getStyle().remove("color");
    }
}
