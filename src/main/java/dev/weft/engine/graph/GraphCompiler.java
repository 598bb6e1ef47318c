package dev.weft.engine.graph;

import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns a validated graph definition into {@link CompiledGraph}s: binds each node's config once, splits
 * iteration bodies from the top level and finds each level's root. Note nodes ({@code custom-note}) are left out.
 */
@Component
public class GraphCompiler {

    private static final String START = "start";

    private final NodeRegistry registry;

    public GraphCompiler(NodeRegistry registry) {
        this.registry = registry;
    }

    public CompiledGraph compile(GraphDef graph) {
        Map<String, CompiledNode> all = new LinkedHashMap<>();
        for (NodeDef def : graph.nodes()) {
            if ("custom-note".equals(def.type()) || def.nodeType() == null) {
                continue;
            }
            all.put(def.id(), compileNode(def));
        }
        return level(null, all, graph.edges());
    }

    private CompiledGraph level(String containerId, Map<String, CompiledNode> all, List<EdgeDef> allEdges) {
        Map<String, CompiledNode> here = new LinkedHashMap<>();
        all.forEach((id, node) -> {
            if (Objects.equals(node.def().containerId(), containerId)) {
                here.put(id, node);
            }
        });
        List<EdgeDef> edges = allEdges.stream()
                .filter(e -> here.containsKey(e.source()) && here.containsKey(e.target()))
                .toList();
        Map<String, CompiledGraph> bodies = new HashMap<>();
        for (CompiledNode node : here.values()) {
            if (node.kind() == NodeKind.CONTAINER) {
                bodies.put(node.id(), level(node.id(), all, allEdges));
            }
        }
        return new CompiledGraph(findRoot(containerId, here, all), here, edges, bodies);
    }

    private static String findRoot(String containerId, Map<String, CompiledNode> here, Map<String, CompiledNode> all) {
        if (containerId != null) {
            JsonNode start = all.get(containerId).def().data().get("start_node_id");
            if (start != null && here.containsKey(start.asString())) {
                return start.asString();
            }
        }
        return here.values().stream()
                .filter(n -> n.kind() == NodeKind.ROOT || (containerId == null && START.equals(n.type())))
                .map(CompiledNode::id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(containerId == null
                        ? "the graph has no start node"
                        : "iteration '" + containerId + "' has no start node inside it"));
    }

    @SuppressWarnings("unchecked")
    private CompiledNode compileNode(NodeDef def) {
        NodeExecutor<Object> executor = (NodeExecutor<Object>) registry.find(def.nodeType())
                .orElseThrow(() -> new IllegalArgumentException(
                        "unsupported node type '" + def.nodeType() + "' (node '" + def.id() + "')"));
        Object config = NodeRegistry.bind(executor, def.data());
        NodeSettings settings = NodeRegistry.CONFIG_MAPPER.treeToValue(def.data(), NodeSettings.class);
        return new CompiledNode(def, executor, config, settings);
    }
}
