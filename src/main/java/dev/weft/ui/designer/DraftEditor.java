package dev.weft.ui.designer;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.graph.GraphInspector;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * The definition being edited in one designer, with undo and redo. Every change goes through here and becomes
 * one step of history; consecutive changes to the same thing (typing into one node's prompt, say) within
 * {@link #COALESCE_MILLIS} merge into one step so that undo takes back the whole edit. The clipboard is
 * shared by the designers of one browser session so nodes can be copied from one app to another.
 */
final class DraftEditor {

    static final int HISTORY_LIMIT = 200;
    static final long COALESCE_MILLIS = 1500;
    /** How far a paste is shifted from the copied nodes when no place is given. */
    static final double PASTE_OFFSET = 40;

    private final NodeCatalog catalog;
    private final GraphInspector inspector;
    private final Deque<AppDefinition> undo = new ArrayDeque<>();
    private final Deque<AppDefinition> redo = new ArrayDeque<>();
    private AppDefinition current;
    private String lastKey;
    private long lastAt;
    private long clock; // for tests; System.currentTimeMillis() when 0
    private int revision;

    DraftEditor(AppDefinition initial, NodeCatalog catalog, GraphInspector inspector) {
        this.current = Objects.requireNonNull(initial);
        this.catalog = catalog;
        this.inspector = inspector;
    }

    AppDefinition current() {
        return current;
    }

    /** Goes up by one with every change, undo and redo. */
    int revision() {
        return revision;
    }

    boolean canUndo() {
        return !undo.isEmpty();
    }

    boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Replaces the whole definition as one step (restoring a version, editing variables). */
    boolean replace(AppDefinition next, String key) {
        return commit(next, key);
    }

    /**
     * Keeps where the canvas was panned and zoomed to ({@code x}, {@code y}, {@code zoom}), saved with the draft. It
     * is not an undo step, and undo and redo leave it as it is. Returns whether it changed.
     */
    boolean setViewport(double x, double y, double zoom) {
        Map<String, Object> viewport = new LinkedHashMap<>();
        viewport.put("x", x);
        viewport.put("y", y);
        viewport.put("zoom", zoom);
        if (viewport.equals(current.graph().viewport())) {
            return false;
        }
        current = withViewport(current, viewport);
        revision++;
        return true;
    }

    private static AppDefinition withViewport(AppDefinition def, Map<String, Object> viewport) {
        return def.withGraph(new GraphDef(def.graph().nodes(), def.graph().edges(), viewport));
    }

    boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        redo.push(current);
        current = withViewport(undo.pop(), current.graph().viewport());
        lastKey = null;
        revision++;
        return true;
    }

    boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(current);
        current = withViewport(redo.pop(), current.graph().viewport());
        lastKey = null;
        revision++;
        return true;
    }

    /** Adds a node of {@code type} at {@code position} (inside {@code parentId} when given); returns its id, or null. */
    String addNode(String type, NodeDef.Position position, String parentId, String provider, String model) {
        if (catalog.entry(type).isEmpty()) {
            return null;
        }
        java.util.Set<String> taken = GraphEdits.ids(current);
        String id = GraphEdits.freshId(type, taken);
        taken.add(id);
        String title = uniqueTitle(catalog.label(type));
        ObjectNode data = catalog.defaultData(type, title, current.mode(), provider, model);
        NodeDef parent = parentId == null ? null : GraphEdits.find(current, parentId);
        String container = parent != null && "iteration".equals(parent.nodeType()) ? parentId : null;
        if (container != null) {
            data.put("isInIteration", true);
            data.put("iteration_id", container);
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        List<NodeDef> added = new java.util.ArrayList<>();
        if ("iteration".equals(type)) {
            String startId = GraphEdits.freshId(id + "_start", taken);
            data.put("start_node_id", startId);
            extra.put("width", 420);
            extra.put("height", 200);
            added.add(new NodeDef(id, "custom", position, container, data, extra));
            Map<String, Object> startExtra = new LinkedHashMap<>();
            startExtra.put("draggable", false);
            startExtra.put("selectable", false);
            ObjectNode startData = catalog.defaultData("iteration-start", "", current.mode(), null, null);
            startData.put("iteration_id", id);
            added.add(new NodeDef(startId, GraphEdits.ITERATION_START_TYPE, new NodeDef.Position(24, 68), id, startData, startExtra));
        } else {
            if (container != null) {
                extra.put("extent", "parent");
            }
            added.add(new NodeDef(id, "custom", position, container, data, extra));
        }
        return commit(GraphEdits.addNodes(current, added, List.of()), null) ? id : null;
    }

    private String uniqueTitle(String label) {
        java.util.Set<String> titles = new java.util.HashSet<>();
        current.graph().nodes().forEach(n -> titles.add(n.title()));
        if (!titles.contains(label)) {
            return label;
        }
        for (int i = 2; ; i++) {
            if (!titles.contains(label + " " + i)) {
                return label + " " + i;
            }
        }
    }

    boolean move(Map<String, NodeDef.Position> positions) {
        return commit(GraphEdits.move(current, positions), null);
    }

    boolean resize(String id, NodeDef.Position position, double width, double height) {
        return commit(GraphEdits.resize(current, id, position, width, height), null);
    }

    boolean connect(String source, String sourceHandle, String target) {
        return commit(GraphEdits.connect(current, source, sourceHandle, target), null);
    }

    boolean delete(Collection<String> nodeIds, Collection<String> edgeIds) {
        return commit(GraphEdits.delete(current, nodeIds, edgeIds), null);
    }

    /**
     * Replaces a node's data (from its panel); edges that leave through a branch the node no longer has are
     * dropped. Changes to the same node in quick succession are one undo step.
     */
    boolean updateData(String nodeId, ObjectNode data) {
        AppDefinition next = GraphEdits.replaceData(current, nodeId, data);
        if (next == current) {
            return false;
        }
        NodeDef node = GraphEdits.find(next, nodeId);
        List<String> handles = inspector.sourceHandles(node);
        next = GraphEdits.pruneEdges(next, nodeId, handles::contains);
        return commit(next, "data:" + nodeId);
    }

    GraphClipboard.Fragment copy(List<String> ids) {
        return GraphClipboard.copy(current, ids);
    }

    /**
     * Pastes a copy. {@code at}: where the copy's top-left node goes; null shifts it by {@link #PASTE_OFFSET}.
     * Returns the new nodes' ids.
     */
    List<String> paste(GraphClipboard.Fragment fragment, NodeDef.Position at) {
        return paste(fragment, at, null);
    }

    /**
     * Pastes a copy into the iteration {@code parentId} ({@code at} relative to it), or at the top level when null.
     * Without a place, nodes copied out of an iteration that is still there go back into it, shifted by
     * {@link #PASTE_OFFSET}. A copy that holds an iteration goes to the top level ({@code at} made absolute).
     */
    List<String> paste(GraphClipboard.Fragment fragment, NodeDef.Position at, String parentId) {
        if (fragment == null || fragment.isEmpty()) {
            return List.of();
        }
        String container = parentId;
        if (container == null && at == null) {
            container = GraphClipboard.commonContainer(fragment);
        }
        if (container != null && !GraphClipboard.canHold(current, container, fragment)) {
            NodeDef c = GraphEdits.find(current, container);
            if (at != null && parentId != null && c != null && c.position() != null) {
                at = new NodeDef.Position(at.x() + c.position().x(), at.y() + c.position().y());
            }
            container = null;
        }
        double dx = PASTE_OFFSET;
        double dy = PASTE_OFFSET;
        if (at != null) {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            for (NodeDef n : fragment.nodes()) {
                if (n.position() != null && (n.containerId() == null || fragment.nodes().stream().noneMatch(m -> m.id().equals(n.containerId())))) {
                    minX = Math.min(minX, n.position().x());
                    minY = Math.min(minY, n.position().y());
                }
            }
            if (minX != Double.MAX_VALUE) {
                dx = at.x() - minX;
                dy = at.y() - minY;
            }
        }
        GraphClipboard.Pasted pasted = GraphClipboard.paste(current, fragment, dx, dy, container);
        commit(pasted.definition(), null);
        return pasted.ids();
    }

    boolean layout(ToDoubleFunction<NodeDef> height) {
        return commit(GraphEdits.move(current, AutoLayout.layout(current, height)), null);
    }

    void setClock(long millis) {
        this.clock = millis;
    }

    private long now() {
        return clock == 0 ? System.currentTimeMillis() : clock;
    }

    private boolean commit(AppDefinition next, String key) {
        if (next == null || next == current || next.equals(current)) {
            return false;
        }
        long at = now();
        boolean merge = key != null && key.equals(lastKey) && at - lastAt <= COALESCE_MILLIS && !undo.isEmpty();
        if (!merge) {
            undo.push(current);
            while (undo.size() > HISTORY_LIMIT) {
                undo.removeLast();
            }
        }
        current = next;
        redo.clear();
        lastKey = key;
        lastAt = at;
        revision++;
        return true;
    }
}
