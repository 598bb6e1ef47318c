package dev.weft.engine.graph;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.ConversationVariable;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.app.definition.JsonPaths;
import dev.weft.app.definition.ValidationError;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.VariableTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Checks that every variable a node reads exists where the node runs: a system variable, a declared
 * environment or conversation variable, an output of an upstream node, or the item and index of the
 * iteration around it. References are the executor's input selectors and every {@code {{#...#}}} in the
 * strings of the node's data.
 */
final class VariableReferenceCheck {

    static final Set<String> SYSTEM_VARIABLES = Set.of("query", "files", "user_id", "conversation_id",
            "dialogue_count", "app_id", "workflow_id", "workflow_run_id", "timestamp");

    private static final Set<String> ITERATION_VARIABLES = Set.of("item", "index");

    private final Map<String, BoundNode> nodes;
    private final GraphTopology topology;
    private final Set<String> environment;
    private final Set<String> conversation;

    VariableReferenceCheck(AppDefinition def, Map<String, BoundNode> nodes, GraphTopology topology) {
        this.nodes = nodes;
        this.topology = topology;
        this.environment = def.environmentVariables().stream().map(EnvironmentVariable::name).collect(Collectors.toSet());
        this.conversation = def.conversationVariables().stream().map(ConversationVariable::name).collect(Collectors.toSet());
    }

    void check(BoundNode reader, List<ValidationError> errors) {
        Set<String> reported = new HashSet<>();
        Set<String> inTemplates = new HashSet<>();
        walkStrings(reader.node().data(), reader.dataPath(), (path, text) -> {
            for (Selector s : VariableTemplate.references(text)) {
                inTemplates.add(s.dotted());
                problem(reader, s).ifPresent(m -> add(errors, reported, path, "{{#" + s.dotted() + "#}}: " + m));
            }
        });
        if (!reader.bound()) {
            return;
        }
        List<Selector> selectors;
        try {
            selectors = reader.executor().inputSelectors(reader.config());
        } catch (RuntimeException e) {
            add(errors, reported, reader.dataPath(), "invalid variable selector: " + e.getMessage());
            return;
        }
        for (Selector s : selectors) {
            Optional<String> message = problem(reader, s);
            if (message.isEmpty()) {
                continue;
            }
            List<String> paths = selectorPaths(reader.node().data(), reader.dataPath(), s.path());
            if (paths.isEmpty() && inTemplates.contains(s.dotted())) {
                continue;
            }
            for (String path : paths.isEmpty() ? List.of(reader.dataPath()) : paths) {
                add(errors, reported, path, "variable " + s.path() + ": " + message.get());
            }
        }
    }

    private static void add(List<ValidationError> errors, Set<String> reported, String path, String message) {
        if (reported.add(path + "\n" + message)) {
            errors.add(new ValidationError(path, message));
        }
    }

    /** Why {@code reader} cannot read {@code s}, or empty when it can. */
    Optional<String> problem(BoundNode reader, Selector s) {
        String owner = s.nodeId();
        String name = s.variable();
        switch (owner) {
            case "sys" -> {
                return SYSTEM_VARIABLES.contains(name) ? Optional.empty()
                        : Optional.of("unknown system variable 'sys." + name + "'");
            }
            case "env" -> {
                return environment.contains(name) ? Optional.empty()
                        : Optional.of("environment variable '" + name + "' is not declared");
            }
            case "conversation" -> {
                return conversation.contains(name) ? Optional.empty()
                        : Optional.of("conversation variable '" + name + "' is not declared");
            }
            default -> {
                return nodeProblem(reader, owner, name);
            }
        }
    }

    private Optional<String> nodeProblem(BoundNode reader, String owner, String name) {
        BoundNode target = nodes.get(owner);
        if (target == null) {
            return Optional.of("there is no node '" + owner + "'");
        }
        if (owner.equals(reader.id())) {
            return Optional.of("node '" + owner + "' cannot read its own output");
        }
        List<String> enclosing = topology.enclosing(reader.id());
        if (enclosing.contains(owner)) {
            if ("iteration".equals(target.type()) && !ITERATION_VARIABLES.contains(name)) {
                return Optional.of("inside iteration '" + owner + "' only its item and index can be read, not '" + name + "'");
            }
            return Optional.empty();
        }
        boolean upstream = topology.ancestors(reader.id()).contains(owner)
                || enclosing.stream().anyMatch(c -> topology.ancestors(c).contains(owner));
        if (!upstream) {
            return Optional.of("node '" + owner + "' is not upstream of node '" + reader.id() + "'");
        }
        List<String> outputs = target.outputNames();
        if (outputs != null && !outputs.contains(name)) {
            return Optional.of("node '" + owner + "' (" + target.type() + ") has no output '" + name + "'; it has "
                    + (outputs.isEmpty() ? "none" : String.join(", ", outputs)));
        }
        return Optional.empty();
    }

    interface StringVisitor {
        void visit(String path, String text);
    }

    static void walkStrings(JsonNode node, String path, StringVisitor visitor) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            visitor.visit(path, node.asString());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walkStrings(node.get(i), JsonPaths.index(path, i), visitor);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walkStrings(e.getValue(), JsonPaths.field(path, e.getKey()), visitor);
            }
        }
    }

    /** The paths of the string arrays in {@code node} equal to {@code selector}. */
    static List<String> selectorPaths(JsonNode node, String path, List<String> selector) {
        List<String> out = new ArrayList<>();
        collectSelectorPaths(node, path, selector, out);
        return out;
    }

    private static void collectSelectorPaths(JsonNode node, String path, List<String> selector, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            if (node.size() == selector.size() && matches(node, selector)) {
                out.add(path);
                return;
            }
            for (int i = 0; i < node.size(); i++) {
                collectSelectorPaths(node.get(i), JsonPaths.index(path, i), selector, out);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                collectSelectorPaths(e.getValue(), JsonPaths.field(path, e.getKey()), selector, out);
            }
        }
    }

    private static boolean matches(JsonNode array, List<String> selector) {
        for (int i = 0; i < selector.size(); i++) {
            JsonNode e = array.get(i);
            if (e == null || !e.isString() || !e.asString().equals(selector.get(i))) {
                return false;
            }
        }
        return true;
    }
}
