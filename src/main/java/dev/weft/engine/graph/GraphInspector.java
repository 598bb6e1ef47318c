package dev.weft.engine.graph;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.ConversationVariable;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.node.NodeExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Answers the editor's questions about a graph without running it: the branch handles each node offers
 * (if-else cases, classifier classes, fail-branch) and the variables a node can read where it stands
 * (system, environment and conversation variables, outputs of upstream nodes, the item and index of the
 * iteration around it). Works on drafts that do not validate: a node whose config does not bind offers
 * the plain handle and no known outputs.
 */
@Component
public class GraphInspector {

    /** A variable a node can read: {@code selector} as in {@code {{#a.b#}}}; {@code owner} the node's title or a scope name. */
    public record Variable(List<String> selector, String owner) {

        public String reference() {
            return "{{#" + String.join(".", selector) + "#}}";
        }
    }

    private final NodeRegistry registry;

    public GraphInspector(NodeRegistry registry) {
        this.registry = registry;
    }

    /**
     * The source handles of a node, in order. Branch nodes list their branches; a node whose error strategy is
     * fail-branch offers {@code source} (success) and {@code fail-branch}; other nodes offer {@code source}.
     */
    public List<String> sourceHandles(NodeDef node) {
        List<String> handles = new ArrayList<>();
        Optional<BoundNode> bound = bind(node);
        bound.filter(BoundNode::bound).ifPresent(b -> {
            try {
                handles.addAll(b.executor().branchHandles(b.config()));
            } catch (RuntimeException e) {
                // an unusable config: the validator reports it
            }
        });
        if (handles.isEmpty()) {
            handles.add(EdgeDef.DEFAULT_HANDLE);
        }
        if (bound.map(BoundNode::settings).map(NodeSettings::failBranch).orElse(false)) {
            if (!handles.contains(EdgeDef.DEFAULT_HANDLE)) {
                handles.add(0, EdgeDef.DEFAULT_HANDLE);
            }
            handles.add(NodeSettings.FAIL_BRANCH);
        }
        return handles;
    }

    /** The outputs a node declares (with error_message and error_type under an error strategy); empty when unknown. */
    public List<String> outputNames(NodeDef node) {
        List<String> names = node == null ? null : bind(0, node).outputNames();
        return names == null ? List.of() : names;
    }

    /**
     * Every variable a node reads: its executor's input selectors and each {@code {{#...#}}} in the strings of its
     * data, as selector paths, without repeats, in the order found.
     */
    public List<List<String>> references(NodeDef node) {
        java.util.LinkedHashSet<List<String>> out = new java.util.LinkedHashSet<>();
        VariableReferenceCheck.walkStrings(node.data(), "$", (path, text) ->
                dev.weft.engine.variable.VariableTemplate.references(text).forEach(s -> out.add(s.path())));
        BoundNode b = bind(0, node);
        if (b.bound()) {
            try {
                b.executor().inputSelectors(b.config()).forEach(s -> out.add(s.path()));
            } catch (RuntimeException e) {
                // the validator reports it
            }
        }
        return List.copyOf(out);
    }

    /** The variables {@code nodeId} can read, grouped by owner: its enclosing iterations, upstream nodes, then env, conversation and sys. */
    public List<Variable> variablesFor(AppDefinition def, String nodeId) {
        Map<String, BoundNode> nodes = new LinkedHashMap<>();
        List<NodeDef> defs = def.graph().nodes();
        for (int i = 0; i < defs.size(); i++) {
            NodeDef n = defs.get(i);
            if (n != null && n.id() != null && !n.id().isBlank() && !GraphValidator.NOTE_TYPE.equals(n.type())) {
                nodes.putIfAbsent(n.id(), bind(i, n));
            }
        }
        Map<String, NodeDef> plain = new LinkedHashMap<>();
        nodes.forEach((id, b) -> plain.put(id, b.node()));
        GraphTopology topology = new GraphTopology(plain, def.graph().edges());
        List<Variable> out = new ArrayList<>();
        if (nodes.containsKey(nodeId)) {
            List<String> enclosing = topology.enclosing(nodeId);
            for (String c : enclosing) {
                BoundNode container = nodes.get(c);
                if ("iteration".equals(container.type())) {
                    out.add(new Variable(List.of(c, "item"), container.node().title()));
                    out.add(new Variable(List.of(c, "index"), container.node().title()));
                }
            }
            Set<String> upstream = new java.util.LinkedHashSet<>(topology.ancestors(nodeId));
            enclosing.forEach(c -> upstream.addAll(topology.ancestors(c)));
            for (BoundNode n : nodes.values()) {
                if (!upstream.contains(n.id())) {
                    continue;
                }
                List<String> names = n.outputNames();
                if (names != null) {
                    names.forEach(name -> out.add(new Variable(List.of(n.id(), name), n.node().title())));
                }
            }
        }
        for (EnvironmentVariable v : def.environmentVariables()) {
            out.add(new Variable(List.of("env", v.name()), "Environment"));
        }
        for (ConversationVariable v : def.conversationVariables()) {
            out.add(new Variable(List.of("conversation", v.name()), "Conversation"));
        }
        for (String s : new TreeSet<>(VariableReferenceCheck.SYSTEM_VARIABLES)) {
            if (def.mode() != null && !def.mode().isChat() && (s.equals("query") || s.equals("conversation_id") || s.equals("dialogue_count"))) {
                continue;
            }
            out.add(new Variable(List.of("sys", s), "System"));
        }
        return out;
    }

    private Optional<BoundNode> bind(NodeDef node) {
        return node == null ? Optional.empty() : Optional.of(bind(0, node));
    }

    @SuppressWarnings("unchecked")
    private BoundNode bind(int index, NodeDef node) {
        NodeSettings settings;
        try {
            settings = NodeRegistry.CONFIG_MAPPER.treeToValue(node.data(), NodeSettings.class);
        } catch (RuntimeException e) {
            settings = null;
        }
        NodeExecutor<Object> executor = (NodeExecutor<Object>) registry.find(node.nodeType()).orElse(null);
        Object config = null;
        if (executor != null) {
            try {
                config = NodeRegistry.bind(executor, node.data());
            } catch (RuntimeException e) {
                config = null;
            }
        }
        return new BoundNode(index, node, executor, config, settings);
    }
}
