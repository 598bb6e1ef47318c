package dev.weft.engine.graph;

import dev.weft.app.definition.EdgeDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One level of a graph ready to run: the top level of an app, or the body of an iteration. Edges are
 * addressed by their index in {@link #edges()}; bodies of container nodes are graphs of their own.
 */
public final class CompiledGraph {

    private final String rootId;
    private final Map<String, CompiledNode> nodes;
    private final List<EdgeDef> edges;
    private final Map<String, List<Integer>> outgoing = new HashMap<>();
    private final Map<String, List<Integer>> incoming = new HashMap<>();
    private final Map<String, CompiledGraph> bodies;
    private final Map<String, Set<String>> ancestors = new HashMap<>();

    CompiledGraph(String rootId, Map<String, CompiledNode> nodes, List<EdgeDef> edges, Map<String, CompiledGraph> bodies) {
        this.rootId = rootId;
        this.nodes = Map.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.bodies = Map.copyOf(bodies);
        for (int i = 0; i < this.edges.size(); i++) {
            EdgeDef e = this.edges.get(i);
            outgoing.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(i);
            incoming.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(i);
        }
        for (String id : this.nodes.keySet()) {
            ancestors.put(id, collectAncestors(id));
        }
    }

    public String rootId() {
        return rootId;
    }

    public CompiledNode node(String id) {
        return nodes.get(id);
    }

    public Map<String, CompiledNode> nodes() {
        return nodes;
    }

    public List<EdgeDef> edges() {
        return edges;
    }

    public List<Integer> outgoing(String nodeId) {
        return outgoing.getOrDefault(nodeId, List.of());
    }

    public List<Integer> incoming(String nodeId) {
        return incoming.getOrDefault(nodeId, List.of());
    }

    /** The body of a container node (iteration), or null. */
    public CompiledGraph body(String containerId) {
        return bodies.get(containerId);
    }

    /** Every node from which {@code nodeId} can be reached. */
    public Set<String> ancestors(String nodeId) {
        return ancestors.getOrDefault(nodeId, Set.of());
    }

    private Set<String> collectAncestors(String nodeId) {
        Set<String> seen = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(nodeId));
        while (!stack.isEmpty()) {
            String current = stack.removeLast();
            for (int edge : incoming(current)) {
                String source = edges.get(edge).source();
                if (nodes.containsKey(source) && seen.add(source)) {
                    stack.add(source);
                }
            }
        }
        return seen;
    }
}
