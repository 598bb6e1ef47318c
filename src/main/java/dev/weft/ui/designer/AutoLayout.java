package dev.weft.ui.designer;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.NodeDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A layered left-to-right layout: each node goes into the column of its longest path from a node with no
 * incoming edge, columns are ordered by the average row of each node's predecessors (fewer crossings), and
 * each column is centred on the same horizontal line. The top level and each iteration body are laid out on
 * their own; an iteration keeps its size. Loops (which the validator reports) are broken by ignoring the
 * edges that close them.
 */
final class AutoLayout {

    static final double COLUMN_WIDTH = 320;
    static final double ROW_GAP = 40;
    static final double ORIGIN = 80;
    static final double INNER_ORIGIN_X = 60;
    static final double INNER_ORIGIN_Y = 70;

    private AutoLayout() {}

    /** {@code height}: how tall a node is drawn (for spacing rows). */
    static Map<String, NodeDef.Position> layout(AppDefinition def, ToDoubleFunction<NodeDef> height) {
        Map<String, List<NodeDef>> scopes = new LinkedHashMap<>();
        for (NodeDef n : def.graph().nodes()) {
            if (n.id() != null && !"custom-note".equals(n.type())) {
                scopes.computeIfAbsent(Objects.toString(n.parentId(), ""), k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, NodeDef.Position> out = new HashMap<>();
        scopes.forEach((scope, nodes) -> out.putAll(layoutScope(nodes, def.graph().edges(), height, scope.isEmpty())));
        return out;
    }

    private static Map<String, NodeDef.Position> layoutScope(List<NodeDef> nodes, List<EdgeDef> allEdges,
            ToDoubleFunction<NodeDef> height, boolean topLevel) {
        Map<String, NodeDef> byId = new LinkedHashMap<>();
        nodes.forEach(n -> byId.put(n.id(), n));
        Map<String, List<String>> preds = new HashMap<>();
        Map<String, List<String>> succs = new HashMap<>();
        for (EdgeDef e : allEdges) {
            if (byId.containsKey(e.source()) && byId.containsKey(e.target()) && !e.source().equals(e.target())) {
                succs.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e.target());
                preds.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e.source());
            }
        }
        // drop the edges that close loops: depth-first from every node, in definition order
        Map<String, Integer> state = new HashMap<>();
        List<String[]> back = new ArrayList<>();
        for (String id : byId.keySet()) {
            findBackEdges(id, succs, state, back);
        }
        for (String[] b : back) {
            succs.get(b[0]).remove(b[1]);
            preds.get(b[1]).remove(b[0]);
        }
        Map<String, Integer> column = new HashMap<>();
        for (String id : byId.keySet()) {
            columnOf(id, preds, column);
        }
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<String>> layers = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            layers.add(new ArrayList<>());
        }
        byId.keySet().forEach(id -> layers.get(column.get(id)).add(id));
        Map<String, Double> rank = new HashMap<>();
        for (List<String> layer : layers) {
            Map<String, Double> key = new HashMap<>();
            for (int i = 0; i < layer.size(); i++) {
                String id = layer.get(i);
                int order = i;
                key.put(id, preds.getOrDefault(id, List.of()).stream().filter(rank::containsKey)
                        .mapToDouble(rank::get).average().orElse(order));
            }
            layer.sort(Comparator.comparingDouble(key::get));
            for (int i = 0; i < layer.size(); i++) {
                rank.put(layer.get(i), (double) i);
            }
        }
        double tallest = 0;
        Map<List<String>, Double> layerHeight = new HashMap<>();
        for (List<String> layer : layers) {
            double h = layer.stream().mapToDouble(id -> height.applyAsDouble(byId.get(id))).sum()
                    + ROW_GAP * Math.max(0, layer.size() - 1);
            layerHeight.put(layer, h);
            tallest = Math.max(tallest, h);
        }
        double x0 = topLevel ? ORIGIN : INNER_ORIGIN_X;
        double y0 = topLevel ? ORIGIN : INNER_ORIGIN_Y;
        Map<String, NodeDef.Position> out = new HashMap<>();
        for (int c = 0; c < layers.size(); c++) {
            List<String> layer = layers.get(c);
            double y = y0 + (tallest - layerHeight.get(layer)) / 2;
            for (String id : layer) {
                NodeDef n = byId.get(id);
                if ("iteration-start".equals(n.nodeType()) && !topLevel) {
                    out.put(id, new NodeDef.Position(24, 68));
                    continue;
                }
                out.put(id, new NodeDef.Position(x0 + c * COLUMN_WIDTH, Math.round(y)));
                y += height.applyAsDouble(n) + ROW_GAP;
            }
        }
        return out;
    }

    private static void findBackEdges(String id, Map<String, List<String>> succs, Map<String, Integer> state, List<String[]> back) {
        if (state.containsKey(id)) {
            return;
        }
        state.put(id, 1);
        for (String next : new ArrayList<>(succs.getOrDefault(id, List.of()))) {
            Integer s = state.get(next);
            if (s == null) {
                findBackEdges(next, succs, state, back);
            } else if (s == 1) {
                back.add(new String[] {id, next});
            }
        }
        state.put(id, 2);
    }

    private static int columnOf(String id, Map<String, List<String>> preds, Map<String, Integer> column) {
        Integer known = column.get(id);
        if (known != null) {
            return known;
        }
        column.put(id, 0); // guards against a loop left over
        int c = 0;
        for (String p : preds.getOrDefault(id, List.of())) {
            c = Math.max(c, columnOf(p, preds, column) + 1);
        }
        column.put(id, c);
        return c;
    }
}
