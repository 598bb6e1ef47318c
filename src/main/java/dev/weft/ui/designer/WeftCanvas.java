package dev.weft.ui.designer;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.react.ReactAdapterComponent;
import com.vaadin.flow.function.SerializableConsumer;
import tools.jackson.databind.JsonNode;

/**
 * The React Flow canvas ({@code frontend/weft-canvas.tsx}) as a Vaadin component. The server sets the graph to
 * draw and the palette; the browser reports what the user did as operations ({@code {"op": "move", ...}}), one
 * per finished gesture: a drag sends one move when it stops, not one per step.
 */
@Tag("weft-canvas")
@NpmPackage(value = "@xyflow/react", version = "12.12.1")
@JsModule("./weft-canvas.tsx")
@CssImport("@xyflow/react/dist/style.css")
@CssImport("./weft-canvas.css")
public class WeftCanvas extends ReactAdapterComponent implements HasSize {

    public WeftCanvas() {
        setSizeFull();
        getElement().getStyle().set("display", "block");
    }

    /** Draws this graph (see {@link CanvasModel#view}). */
    public void setGraph(JsonNode graph) {
        setState("graph", graph);
    }

    /** Whether Undo and Redo can be used; sent on its own after a move, when the browser already shows the graph. */
    public void setHistory(boolean canUndo, boolean canRedo) {
        setState("history", tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("canUndo", canUndo)
                .put("canRedo", canRedo));
    }

    public void setPalette(JsonNode palette) {
        setState("palette", palette);
    }

    /** Receives each operation as the JSON object the browser sent. */
    public void addOperationListener(SerializableConsumer<JsonNode> listener) {
        getElement().addEventListener("canvas-op", e -> listener.accept(e.getEventData().get("event.detail")))
                .addEventData("event.detail");
    }
}
