package dev.weft.ui.designer;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.RunHandle;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.variable.Values;
import dev.weft.run.NodeTrialRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one node on its own: a field for each upstream value it reads (text, or JSON for lists and objects) and,
 * when it reads the user's message, for {@code sys.query}; then its status, time, tokens, inputs and outputs.
 */
final class NodeTrialDialog extends Dialog {

    private final Map<String, TextArea> fields = new LinkedHashMap<>();
    private final Span status = new Span();
    private final Pre result = new Pre();
    private final Div streamed = new Div();
    private RunHandle handle;

    NodeTrialDialog(String appId, AppDefinition definition, NodeDef node, NodeTrialRun trials, Runnable beforeRun) {
        setHeaderTitle("Run " + node.title() + " on its own");
        setWidth("640px");
        setMaxWidth("100%");
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        body.setSpacing(false);
        var inputs = trials.inputs(node);
        if (inputs.isEmpty()) {
            body.add(new Paragraph("This node reads no upstream values; run it as it is."));
        } else {
            body.add(new Paragraph("Give the values this node reads from upstream nodes. Lists and objects as JSON."));
        }
        for (var input : inputs) {
            TextArea f = new TextArea(input.dotted());
            f.setWidthFull();
            f.setMaxHeight("10em");
            fields.put(input.dotted(), f);
            body.add(f);
        }
        boolean readsQuery = node.data().toString().contains("{{#sys.query#}}") || node.data().toString().contains("\"sys\",\"query\"");
        TextArea query = new TextArea("sys.query (the user's message)");
        query.setWidthFull();
        query.setVisible(readsQuery);
        body.add(query);
        status.addClassName("weft-trial-status");
        streamed.getStyle().set("white-space", "pre-wrap");
        result.addClassName("weft-trial-result");
        result.getStyle().set("max-height", "18em").set("overflow", "auto").set("font-size", "var(--lumo-font-size-xs)")
                .set("background", "var(--lumo-contrast-5pct)").set("padding", "var(--lumo-space-s)")
                .set("white-space", "pre-wrap").set("overflow-wrap", "anywhere");
        result.setVisible(false);
        body.add(status, streamed, result);
        add(body);

        Button run = new Button("Run node", e -> {
            if (handle != null && !handle.isDone()) {
                return;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            fields.forEach((k, f) -> values.put(k, f.getValue()));
            UI ui = UI.getCurrent();
            streamed.removeAll();
            result.setVisible(false);
            status.setText("Running…");
            try {
                beforeRun.run();
                handle = trials.start(appId, definition, node, values, query.getValue(), event -> ui.access(() -> onEvent(event, node)));
            } catch (RuntimeException ex) {
                status.setText("Could not run: " + ex.getMessage());
            }
        });
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Close", e -> close()), run);
    }

    private void onEvent(RunEvent event, NodeDef node) {
        switch (event) {
            case RunEvent.TextChunk chunk -> streamed.add(new Span(chunk.text()));
            case RunEvent.NodeFinished f when f.nodeId().equals(node.id()) -> {
                status.setText(f.status().value() + " in " + f.elapsedMillis() + " ms, " + f.usage().totalTokens() + " tokens"
                        + (f.error() == null ? "" : ": " + f.error()));
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("inputs", f.inputs());
                shown.put("outputs", f.outputs());
                result.setText(Values.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(shown));
                result.setVisible(true);
            }
            case RunEvent.WorkflowFinished w when w.error() != null && !result.isVisible() -> status.setText("failed: " + w.error());
            default -> { }
        }
    }
}
