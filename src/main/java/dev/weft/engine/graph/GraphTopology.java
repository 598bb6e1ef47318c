package dev.weft.engine.graph;

import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.NodeDef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The shape of a graph for checking it: which nodes sit in which scope (the top level or an iteration
 * body), the edges inside each scope, the ancestors of each node and the cycles. Nodes are those with a
 * usable id; edges are those whose ends are such nodes in the same scope.
 */
final class GraphTopology {

    /** An edge inside one scope, with its index in {@code graph.edges}. */
    record Link(int index, String source, String target) {}

    private final Map<String, NodeDef> nodes;
    private final Map<String, List<Link>> outgoing = new HashMap<>();
    private final Map<String, List<Link>> incoming = new HashMap<>();
    private final Map<String, Set<String>> ancestors = new HashMap<>();

    /** {@code nodes}: id to node, in definition order; {@code edges}: all edges of the graph, in order. */
    GraphTopology(Map<String, NodeDef> nodes, List<EdgeDef> edges) {
        this.nodes = nodes;
        for (int j = 0; j < edges.size(); j++) {
            EdgeDef e = edges.get(j);
            if (e == null || !nodes.containsKey(e.source()) || !nodes.containsKey(e.target()) || !sameScope(e.source(), e.target())) {
                continue;
            }
            Link link = new Link(j, e.source(), e.target());
            outgoing.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(link);
            incoming.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(link);
        }
    }

    boolean sameScope(String a, String b) {
        return Objects.equals(container(a), container(b));
    }

    /** The iteration (or loop) a node sits in, or null at the top level. */
    String container(String id) {
        NodeDef n = nodes.get(id);
        return n == null ? null : n.containerId();
    }

    /** The containers around a node, innermost first. Stops at a missing container or a containment loop. */
    List<String> enclosing(String id) {
        List<String> out = new ArrayList<>();
        String c = container(id);
        while (c != null && nodes.containsKey(c) && !out.contains(c) && !c.equals(id)) {
            out.add(c);
            c = container(c);
        }
        return out;
    }

    /** Every node with a path to {@code id} along edges of its scope. */
    Set<String> ancestors(String id) {
        Set<String> known = ancestors.get(id);
        if (known != null) {
            return known;
        }
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            for (Link l : incoming.getOrDefault(todo.pop(), List.of())) {
                if (seen.add(l.source())) {
                    todo.push(l.source());
                }
            }
        }
        Set<String> result = Collections.unmodifiableSet(seen);
        ancestors.put(id, result);
        return result;
    }

    /**
     * The cycles, each as the edge that closes it and the nodes along it (first node repeated at the end).
     * Every cycle is found at least once; a node on several cycles may show up in more than one.
     */
    Map<Link, List<String>> cycles() {
        Map<Link, List<String>> found = new LinkedHashMap<>();
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String start : nodes.keySet()) {
            if (!state.containsKey(start)) {
                visit(start, state, new ArrayList<>(), found);
            }
        }
        return found;
    }

    private void visit(String id, Map<String, Integer> state, List<String> path, Map<Link, List<String>> found) {
        state.put(id, 1);
        path.add(id);
        for (Link l : outgoing.getOrDefault(id, List.of())) {
            Integer s = state.get(l.target());
            if (s == null) {
                visit(l.target(), state, path, found);
            } else if (s == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(l.target()), path.size()));
                cycle.add(l.target());
                found.put(l, List.copyOf(cycle));
            }
        }
        path.removeLast();
        state.put(id, 2);
    }
}
