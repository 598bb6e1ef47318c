package dev.weft.engine.graph;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.JsonPaths;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.definition.ValidationError;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks an app definition before it is saved or run and returns every problem, each with its path:
 * the start node, node ids and types, node configs (bound through {@link NodeRegistry}), edges and their
 * branch handles, cycles outside iterations, which nodes the mode allows, and every variable reference.
 */
@Component
public class GraphValidator {

    /** React Flow's type for canvas notes; they are not part of the flow. */
    public static final String NOTE_TYPE = "custom-note";

    /** The helper node that starts an iteration body; it has no config of its own. */
    public static final String ITERATION_START = "iteration-start";

    private static final Set<String> ERROR_STRATEGIES = Set.of(NodeSettings.FAIL_BRANCH, NodeSettings.DEFAULT_VALUE);

    private final NodeRegistry registry;

    public GraphValidator(NodeRegistry registry) {
        this.registry = registry;
    }

    /** Every problem in {@code def}; empty when it can run. */
    public List<ValidationError> validate(AppDefinition def) {
        List<ValidationError> errors = new ArrayList<>();
        if (def.mode() == null) {
            errors.add(new ValidationError("$.mode", "mode is missing; expected one of chat, completion, workflow, advanced-chat"));
        }
        Map<String, BoundNode> nodes = bindNodes(def, errors);
        GraphTopology topology = new GraphTopology(asNodeDefs(nodes), def.graph().edges());
        checkStart(nodes, errors);
        checkContainers(nodes, errors);
        checkEdges(def.graph().edges(), nodes, topology, errors);
        topology.cycles().forEach((link, cycle) -> {
            String scope = topology.container(link.source());
            errors.add(new ValidationError("$.graph.edges[" + link.index() + "]", "cycle " + String.join(" -> ", cycle)
                    + (scope == null ? "; the graph must not loop (use an iteration)" : " inside iteration '" + scope + "'")));
        });
        VariableReferenceCheck references = new VariableReferenceCheck(def, nodes, topology);
        nodes.values().forEach(n -> references.check(n, errors));
        return errors;
    }

    private Map<String, BoundNode> bindNodes(AppDefinition def, List<ValidationError> errors) {
        Map<String, BoundNode> bound = new LinkedHashMap<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        List<NodeDef> nodes = def.graph().nodes();
        for (int i = 0; i < nodes.size(); i++) {
            NodeDef node = nodes.get(i);
            String path = "$.graph.nodes[" + i + "]";
            if (node == null) {
                errors.add(new ValidationError(path, "node is null"));
                continue;
            }
            if (NOTE_TYPE.equals(node.type())) {
                continue;
            }
            if (node.id() == null || node.id().isBlank()) {
                errors.add(new ValidationError(path + ".id", "node id is missing"));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(node.id(), i);
            if (first != null) {
                errors.add(new ValidationError(path + ".id",
                        "duplicate node id '" + node.id() + "' (also at $.graph.nodes[" + first + "])"));
                continue;
            }
            bound.put(node.id(), bind(i, node, def.mode(), errors));
        }
        return bound;
    }

    @SuppressWarnings("unchecked")
    private BoundNode bind(int index, NodeDef node, AppMode mode, List<ValidationError> errors) {
        String dataPath = "$.graph.nodes[" + index + "].data";
        NodeSettings settings = bindSettings(node.data(), dataPath, errors);
        String type = node.nodeType();
        if (type == null || type.isBlank()) {
            errors.add(new ValidationError(dataPath + ".type", "node type is missing (node '" + node.id() + "')"));
            return new BoundNode(index, node, null, null, settings);
        }
        checkMode(type, mode, dataPath + ".type", errors);
        NodeExecutor<Object> executor = (NodeExecutor<Object>) registry.find(type).orElse(null);
        if (executor == null) {
            if (!ITERATION_START.equals(type)) {
                errors.add(new ValidationError(dataPath + ".type", "unsupported node type '" + type + "' (node '" + node.id() + "')"));
            }
            return new BoundNode(index, node, null, null, settings);
        }
        Object config;
        try {
            config = NodeRegistry.bind(executor, node.data());
        } catch (tools.jackson.core.JacksonException e) {
            errors.add(JsonPaths.fromJackson(dataPath, e));
            return new BoundNode(index, node, executor, null, settings);
        }
        try {
            for (NodeExecutor.ConfigProblem p : executor.validate(config)) {
                errors.add(new ValidationError(JsonPaths.append(dataPath, p.field()), p.message()));
            }
        } catch (RuntimeException e) {
            errors.add(new ValidationError(dataPath, "invalid " + type + " config: " + e.getMessage()));
            return new BoundNode(index, node, executor, null, settings);
        }
        return new BoundNode(index, node, executor, config, settings);
    }

    private static NodeSettings bindSettings(JsonNode data, String dataPath, List<ValidationError> errors) {
        NodeSettings settings;
        try {
            settings = NodeRegistry.CONFIG_MAPPER.treeToValue(data, NodeSettings.class);
        } catch (tools.jackson.core.JacksonException e) {
            errors.add(JsonPaths.fromJackson(dataPath, e));
            return null;
        }
        String strategy = settings.errorStrategy();
        if (strategy != null && !strategy.isBlank() && !"none".equals(strategy) && !ERROR_STRATEGIES.contains(strategy)) {
            errors.add(new ValidationError(dataPath + ".error_strategy",
                    "unknown error strategy '" + strategy + "'; expected fail-branch or default-value"));
        }
        return settings;
    }

    private static void checkMode(String type, AppMode mode, String path, List<ValidationError> errors) {
        if (mode == null) {
            return;
        }
        if ("answer".equals(type) && mode == AppMode.WORKFLOW) {
            errors.add(new ValidationError(path, "answer nodes belong to chat apps; a workflow app returns results through end nodes"));
        } else if ("end".equals(type) && mode.isChat()) {
            errors.add(new ValidationError(path, "end nodes belong to workflow apps; a " + mode.value() + " app replies through answer nodes"));
        }
    }

    private static void checkStart(Map<String, BoundNode> nodes, List<ValidationError> errors) {
        List<BoundNode> starts = nodes.values().stream()
                .filter(n -> "start".equals(n.type()) && n.node().containerId() == null)
                .toList();
        if (starts.isEmpty()) {
            errors.add(new ValidationError("$.graph.nodes", "the graph has no start node"));
        }
        for (BoundNode extra : starts.stream().skip(1).toList()) {
            errors.add(new ValidationError(extra.path(), "more than one start node: " + String.join(", ",
                    starts.stream().map(n -> "'" + n.id() + "'").toList()) + "; keep exactly one"));
        }
    }

    private static void checkContainers(Map<String, BoundNode> nodes, List<ValidationError> errors) {
        for (BoundNode n : nodes.values()) {
            String container = n.node().containerId();
            if (container == null) {
                continue;
            }
            String path = n.node().parentId() != null && !n.node().parentId().isBlank() ? n.path() + ".parentId"
                    : n.node().data().has("iteration_id") && !n.node().data().get("iteration_id").asString().isBlank()
                            ? n.dataPath() + ".iteration_id" : n.dataPath() + ".loop_id";
            BoundNode parent = nodes.get(container);
            if (parent == null) {
                errors.add(new ValidationError(path, "node '" + n.id() + "' sits in '" + container + "', which is not a node"));
            } else if (!isContainer(parent)) {
                errors.add(new ValidationError(path, "node '" + n.id() + "' sits in '" + container + "', which is a "
                        + parent.type() + " node, not an iteration"));
            }
        }
        for (BoundNode n : nodes.values()) {
            JsonNode startId = n.node().data().get("start_node_id");
            if (!isContainer(n) || startId == null || !startId.isString() || startId.asString().isBlank()) {
                continue;
            }
            BoundNode start = nodes.get(startId.asString());
            if (start == null || !n.id().equals(start.node().containerId())) {
                errors.add(new ValidationError(n.dataPath() + ".start_node_id",
                        "start node '" + startId.asString() + "' is not a node inside '" + n.id() + "'"));
            }
        }
    }

    private static boolean isContainer(BoundNode n) {
        return n.executor() != null ? n.executor().kind() == NodeKind.CONTAINER
                : "iteration".equals(n.type()) || "loop".equals(n.type());
    }

    private static void checkEdges(List<EdgeDef> edges, Map<String, BoundNode> nodes, GraphTopology topology,
            List<ValidationError> errors) {
        Map<String, Integer> ids = new HashMap<>();
        for (int j = 0; j < edges.size(); j++) {
            EdgeDef e = edges.get(j);
            String path = "$.graph.edges[" + j + "]";
            if (e == null) {
                errors.add(new ValidationError(path, "edge is null"));
                continue;
            }
            if (e.id() != null && ids.putIfAbsent(e.id(), j) != null) {
                errors.add(new ValidationError(path + ".id", "duplicate edge id '" + e.id() + "' (also at $.graph.edges[" + ids.get(e.id()) + "])"));
            }
            boolean ends = checkEnd(e.source(), "source", path, nodes, errors) & checkEnd(e.target(), "target", path, nodes, errors);
            if (!ends) {
                continue;
            }
            if (!topology.sameScope(e.source(), e.target())) {
                errors.add(new ValidationError(path, "edge from '" + e.source() + "' to '" + e.target()
                        + "' crosses an iteration boundary; both ends must sit in the same iteration or at the top level"));
            }
            Set<String> handles = validHandles(nodes.get(e.source()));
            if (handles != null && !handles.contains(e.handle())) {
                errors.add(new ValidationError(path + ".sourceHandle", "'" + e.handle() + "' is not a branch of node '"
                        + e.source() + "' (" + nodes.get(e.source()).type() + "); expected one of " + String.join(", ", handles)));
            }
        }
    }

    private static boolean checkEnd(String id, String end, String edgePath, Map<String, BoundNode> nodes, List<ValidationError> errors) {
        if (id == null || id.isBlank()) {
            errors.add(new ValidationError(edgePath + "." + end, "edge " + end + " is missing"));
            return false;
        }
        if (!nodes.containsKey(id)) {
            errors.add(new ValidationError(edgePath + "." + end, "edge " + end + " '" + id + "' is not a node"));
            return false;
        }
        return true;
    }

    /** The handles edges from {@code n} may use, or null when unknown because its config did not bind. */
    private static Set<String> validHandles(BoundNode n) {
        Set<String> handles = new LinkedHashSet<>();
        if (n.bound()) {
            try {
                handles.addAll(n.executor().branchHandles(n.config()));
            } catch (RuntimeException e) {
                return null; // the config problem is reported by validate()
            }
        } else if (!ITERATION_START.equals(n.type())) {
            return null;
        }
        if (handles.isEmpty()) {
            handles.add(EdgeDef.DEFAULT_HANDLE);
        }
        if (n.settings() != null && n.settings().failBranch()) {
            handles.add(EdgeDef.DEFAULT_HANDLE);
            handles.add(NodeSettings.FAIL_BRANCH);
            handles.add(NodeSettings.SUCCESS_BRANCH);
        }
        return handles;
    }

    private static Map<String, NodeDef> asNodeDefs(Map<String, BoundNode> nodes) {
        Map<String, NodeDef> out = new LinkedHashMap<>();
        nodes.forEach((id, n) -> out.put(id, n.node()));
        return out;
    }
}
