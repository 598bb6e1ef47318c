package dev.weft.ui.designer;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * The changes the canvas makes to a definition, as pure functions: each returns a new definition and leaves
 * its argument alone. Nodes that do not change are shared between the old and the new definition, so a
 * history of definitions costs little; a changed node gets a copy of its data.
 */
final class GraphEdits {

    /** React Flow's renderer type for an iteration's start marker, as in Dify files. */
    static final String ITERATION_START_TYPE = "custom-iteration-start";

    private GraphEdits() {}

    static AppDefinition withGraph(AppDefinition def, List<NodeDef> nodes, List<EdgeDef> edges) {
        return def.withGraph(new GraphDef(nodes, edges, def.graph().viewport()));
    }

    /** A node id not yet used: the type with dashes as underscores ({@code if_else}), then {@code _2}, {@code _3}... */
    static String freshId(String type, Set<String> taken) {
        String base = type == null || type.isBlank() ? "node" : type.replaceAll("[^A-Za-z0-9_]", "_");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            if (!taken.contains(base + "_" + i)) {
                return base + "_" + i;
            }
        }
    }

    static Set<String> ids(AppDefinition def) {
        Set<String> ids = new HashSet<>();
        def.graph().nodes().forEach(n -> ids.add(n.id()));
        return ids;
    }

    static NodeDef find(AppDefinition def, String id) {
        return def.graph().nodes().stream().filter(n -> Objects.equals(n.id(), id)).findFirst().orElse(null);
    }

    /** Adds nodes at the end of the node list. */
    static AppDefinition addNodes(AppDefinition def, Collection<NodeDef> added, Collection<EdgeDef> addedEdges) {
        List<NodeDef> nodes = new ArrayList<>(def.graph().nodes());
        nodes.addAll(added);
        List<EdgeDef> edges = new ArrayList<>(def.graph().edges());
        edges.addAll(addedEdges);
        return withGraph(def, nodes, edges);
    }

    /** Moves nodes to new positions (React Flow's: relative to the parent iteration for nodes inside one). */
    static AppDefinition move(AppDefinition def, Map<String, NodeDef.Position> positions) {
        boolean changed = false;
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : def.graph().nodes()) {
            NodeDef.Position p = positions.get(n.id());
            if (p != null && !p.equals(n.position())) {
                Map<String, Object> extra = new LinkedHashMap<>(n.extra());
                if (extra.containsKey("positionAbsolute") && n.parentId() == null) {
                    extra.put("positionAbsolute", Map.of("x", p.x(), "y", p.y()));
                }
                nodes.add(new NodeDef(n.id(), n.type(), p, n.parentId(), n.data(), extra));
                changed = true;
            } else {
                nodes.add(n);
            }
        }
        return changed ? withGraph(def, nodes, def.graph().edges()) : def;
    }

    /**
     * Connects {@code source}'s handle to {@code target}. Refuses (returns {@code def}) a connection of a node to
     * itself, one that exists already, or one between different iterations.
     */
    static AppDefinition connect(AppDefinition def, String source, String sourceHandle, String target) {
        NodeDef from = find(def, source);
        NodeDef to = find(def, target);
        String handle = sourceHandle == null || sourceHandle.isBlank() ? EdgeDef.DEFAULT_HANDLE : sourceHandle;
        if (from == null || to == null || source.equals(target) || !Objects.equals(from.containerId(), to.containerId())) {
            return def;
        }
        boolean exists = def.graph().edges().stream()
                .anyMatch(e -> source.equals(e.source()) && target.equals(e.target()) && handle.equals(e.handle()));
        if (exists) {
            return def;
        }
        EdgeDef plain = new EdgeDef(source, handle, target);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("type", "custom");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sourceType", from.nodeType());
        data.put("targetType", to.nodeType());
        data.put("isInIteration", from.containerId() != null);
        if (from.containerId() != null) {
            data.put("iteration_id", from.containerId());
        }
        extra.put("data", data);
        EdgeDef edge = new EdgeDef(plain.id(), source, handle, target, "target", extra);
        List<EdgeDef> edges = new ArrayList<>(def.graph().edges());
        edges.add(edge);
        return withGraph(def, def.graph().nodes(), edges);
    }

    /**
     * Deletes nodes (with the nodes inside a deleted iteration and every edge that touches a deleted node) and
     * edges. The start node and an iteration's start marker cannot be deleted on their own.
     */
    static AppDefinition delete(AppDefinition def, Collection<String> nodeIds, Collection<String> edgeIds) {
        Set<String> gone = new LinkedHashSet<>();
        for (String id : nodeIds) {
            NodeDef n = find(def, id);
            if (n != null && deletable(n)) {
                gone.add(id);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (NodeDef n : def.graph().nodes()) {
                if (n.containerId() != null && gone.contains(n.containerId()) && gone.add(n.id())) {
                    grew = true;
                }
            }
        }
        Set<String> edgesGone = new HashSet<>(edgeIds);
        List<NodeDef> nodes = def.graph().nodes().stream().filter(n -> !gone.contains(n.id())).toList();
        List<EdgeDef> edges = def.graph().edges().stream()
                .filter(e -> !edgesGone.contains(e.id()) && !gone.contains(e.source()) && !gone.contains(e.target()))
                .toList();
        if (nodes.size() == def.graph().nodes().size() && edges.size() == def.graph().edges().size()) {
            return def;
        }
        return withGraph(def, nodes, edges);
    }

    static boolean deletable(NodeDef n) {
        String type = n.nodeType();
        return !("start".equals(type) && n.containerId() == null) && !"iteration-start".equals(type);
    }

    /** Gives a container (an iteration) a new size and place. */
    static AppDefinition resize(AppDefinition def, String id, NodeDef.Position position, double width, double height) {
        List<NodeDef> nodes = new ArrayList<>();
        boolean changed = false;
        for (NodeDef n : def.graph().nodes()) {
            if (n.id().equals(id)) {
                Map<String, Object> extra = new LinkedHashMap<>(n.extra());
                extra.put("width", width);
                extra.put("height", height);
                NodeDef resized = new NodeDef(n.id(), n.type(), position, n.parentId(), n.data(), extra);
                changed = !resized.equals(n);
                nodes.add(resized);
            } else {
                nodes.add(n);
            }
        }
        return changed ? withGraph(def, nodes, def.graph().edges()) : def;
    }

    /** Replaces a node's data with a copy of {@code data}; the node keeps its id, type and place. */
    static AppDefinition replaceData(AppDefinition def, String id, ObjectNode data) {
        List<NodeDef> nodes = new ArrayList<>();
        boolean changed = false;
        for (NodeDef n : def.graph().nodes()) {
            if (n.id().equals(id) && !n.data().equals(data)) {
                nodes.add(new NodeDef(n.id(), n.type(), n.position(), n.parentId(), data.deepCopy(), n.extra()));
                changed = true;
            } else {
                nodes.add(n);
            }
        }
        return changed ? withGraph(def, nodes, def.graph().edges()) : def;
    }

    /** Drops the edges that leave {@code nodeId} through a handle the node no longer has. */
    static AppDefinition pruneEdges(AppDefinition def, String nodeId, Predicate<String> handleExists) {
        List<EdgeDef> edges = def.graph().edges().stream()
                .filter(e -> !nodeId.equals(e.source()) || handleExists.test(e.handle()))
                .toList();
        return edges.size() == def.graph().edges().size() ? def : withGraph(def, def.graph().nodes(), edges);
    }
}
