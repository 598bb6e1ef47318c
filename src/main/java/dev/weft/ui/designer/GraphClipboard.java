package dev.weft.ui.designer;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.NodeDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Copy and paste of part of a graph. A copy holds the chosen nodes (an iteration brings the nodes inside it)
 * and the edges between them. Pasting gives every node a fresh id, shifts the top-level nodes by an offset,
 * and rewrites what pointed at a copied node to point at its copy: edge ends, parent iterations, an
 * iteration's {@code start_node_id}, variable selectors such as {@code ["llm", "text"]} and references such as
 * {@code {{#llm.text#}}}. References to nodes that were not copied stay as they are.
 */
final class GraphClipboard {

    /** What was copied; immutable (its nodes' data is copied again on every paste). */
    record Fragment(List<NodeDef> nodes, List<EdgeDef> edges) {

        Fragment {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }

        boolean isEmpty() {
            return nodes.isEmpty();
        }
    }

    /** The result of a paste: the new definition and the ids of the pasted nodes. */
    record Pasted(AppDefinition definition, List<String> ids) {}

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{#([a-zA-Z0-9_]{1,50})\\.");

    private GraphClipboard() {}

    static Fragment copy(AppDefinition def, List<String> ids) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String id : ids) {
            NodeDef n = GraphEdits.find(def, id);
            if (n != null && GraphEdits.deletable(n)) {
                chosen.add(id);
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (NodeDef n : def.graph().nodes()) {
                if (n.containerId() != null && chosen.contains(n.containerId()) && chosen.add(n.id())) {
                    grew = true;
                }
            }
        }
        // a node inside an iteration copied without its iteration is pasted at the top level
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : def.graph().nodes()) {
            if (chosen.contains(n.id())) {
                nodes.add(n);
            }
        }
        List<EdgeDef> edges = def.graph().edges().stream()
                .filter(e -> chosen.contains(e.source()) && chosen.contains(e.target()))
                .toList();
        return new Fragment(nodes, edges);
    }

    /** Pastes {@code fragment} into {@code def}, its top-level nodes shifted by ({@code dx}, {@code dy}). */
    static Pasted paste(AppDefinition def, Fragment fragment, double dx, double dy) {
        return paste(def, fragment, dx, dy, null);
    }

    /**
     * Pastes {@code fragment} into {@code def}, its top-level nodes shifted by ({@code dx}, {@code dy}) and put inside
     * the iteration {@code container} when one is given (their places are then relative to it). A fragment holding
     * an iteration is never put inside another one: iterations do not nest.
     */
    static Pasted paste(AppDefinition def, Fragment fragment, double dx, double dy, String container) {
        if (container != null && !canHold(def, container, fragment)) {
            container = null;
        }
        Set<String> taken = GraphEdits.ids(def);
        Map<String, String> renamed = new LinkedHashMap<>();
        for (NodeDef n : fragment.nodes()) {
            String fresh = GraphEdits.freshId(n.nodeType() == null ? n.id() : n.nodeType(), taken);
            taken.add(fresh);
            renamed.put(n.id(), fresh);
        }
        List<NodeDef> nodes = new ArrayList<>();
        for (NodeDef n : fragment.nodes()) {
            boolean copiedParent = n.containerId() != null && renamed.containsKey(n.containerId());
            String parent = copiedParent ? renamed.get(n.containerId()) : container;
            ObjectNode data = (ObjectNode) rewrite(n.data().deepCopy(), renamed);
            if (parent == null) {
                data.remove("iteration_id");
                data.remove("isInIteration");
            } else if (!copiedParent) {
                data.put("isInIteration", true);
                data.put("iteration_id", parent);
            } else if (data.has("iteration_id")) {
                data.put("iteration_id", parent);
            }
            data.remove("selected");
            NodeDef.Position p = n.position() == null ? new NodeDef.Position(0, 0) : n.position();
            NodeDef.Position at = copiedParent ? p : new NodeDef.Position(p.x() + dx, p.y() + dy);
            Map<String, Object> extra = new LinkedHashMap<>(n.extra());
            extra.remove("selected");
            extra.remove("positionAbsolute");
            if (parent == null) {
                extra.remove("extent");
            } else if (!copiedParent) {
                extra.put("extent", "parent");
            }
            nodes.add(new NodeDef(renamed.get(n.id()), n.type(), at, parent, data, extra));
        }
        List<EdgeDef> edges = new ArrayList<>();
        for (EdgeDef e : fragment.edges()) {
            String source = renamed.get(e.source());
            String target = renamed.get(e.target());
            EdgeDef plain = new EdgeDef(source, e.handle(), target);
            Map<String, Object> extra = new LinkedHashMap<>(e.extra());
            extra.remove("selected");
            if (extra.get("data") instanceof Map<?, ?> data && data.containsKey("iteration_id")) {
                Map<String, Object> copy = new LinkedHashMap<>();
                data.forEach((k, v) -> copy.put(String.valueOf(k), v));
                copy.put("iteration_id", renamed.getOrDefault(String.valueOf(data.get("iteration_id")), String.valueOf(data.get("iteration_id"))));
                extra.put("data", copy);
            }
            edges.add(new EdgeDef(plain.id(), source, e.sourceHandle(), target, e.targetHandle(), extra));
        }
        return new Pasted(GraphEdits.addNodes(def, nodes, edges), List.copyOf(renamed.values()));
    }

    /** Whether {@code container} is an iteration of {@code def} and the fragment holds no iteration to nest in it. */
    static boolean canHold(AppDefinition def, String container, Fragment fragment) {
        NodeDef c = GraphEdits.find(def, container);
        return c != null && "iteration".equals(c.nodeType()) && fragment.nodes().stream().noneMatch(n -> "iteration".equals(n.nodeType()));
    }

    /**
     * The iteration all of the fragment's top-level nodes came from, when they came from one (a node copied out of an
     * iteration without it); null otherwise.
     */
    static String commonContainer(Fragment fragment) {
        Set<String> ids = new LinkedHashSet<>();
        fragment.nodes().forEach(n -> ids.add(n.id()));
        Set<String> containers = new LinkedHashSet<>();
        for (NodeDef n : fragment.nodes()) {
            if (n.containerId() == null || !ids.contains(n.containerId())) {
                containers.add(n.containerId() == null ? "" : n.containerId());
            }
        }
        return containers.size() == 1 && !containers.iterator().next().isEmpty() ? containers.iterator().next() : null;
    }

    /** Rewrites node ids in selectors, references and {@code start_node_id} under {@code node}. */
    private static JsonNode rewrite(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            for (String key : new ArrayList<>(object.propertyNames())) {
                JsonNode value = object.get(key);
                if (key.equals("start_node_id") && value.isString() && renamed.containsKey(value.asString())) {
                    object.put(key, renamed.get(value.asString()));
                } else {
                    object.set(key, rewrite(value, renamed));
                }
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            if (!array.isEmpty() && array.size() <= 11 && allStrings(array) && renamed.containsKey(array.get(0).asString())) {
                array.set(0, StringNode.valueOf(renamed.get(array.get(0).asString())));
                return array;
            }
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rewrite(array.get(i), renamed));
            }
            return array;
        }
        if (node.isString() && node.asString().contains("{{#")) {
            Matcher m = REFERENCE.matcher(node.asString());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String id = renamed.getOrDefault(m.group(1), m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement("{{#" + id + "."));
            }
            m.appendTail(out);
            return StringNode.valueOf(out.toString());
        }
        return node;
    }

    private static boolean allStrings(ArrayNode array) {
        for (JsonNode e : array) {
            if (!e.isString()) {
                return false;
            }
        }
        return array.size() >= 2;
    }
}
