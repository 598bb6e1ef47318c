package dev.weft.ui.designer.panel;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.graph.GraphInspector;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a node panel needs besides the node: the app's mode, the variables the node can read, the node's own
 * outputs (for default values on error), the variables of the nodes inside it (an iteration's output), the
 * workspace's model providers and knowledge bases, and where to send the edited data.
 */
public record PanelContext(
        AppMode mode,
        List<GraphInspector.Variable> variables,
        List<String> outputNames,
        List<GraphInspector.Variable> innerVariables,
        List<Choice> providers,
        List<Choice> datasets,
        Consumer<ObjectNode> onChange) {

    /** Something to pick: its stored value, what people see, and a hint (a provider's default model). */
    public record Choice(String value, String label, String hint) {}

    public PanelContext {
        variables = List.copyOf(variables);
        outputNames = outputNames == null ? List.of() : List.copyOf(outputNames);
        innerVariables = innerVariables == null ? List.of() : List.copyOf(innerVariables);
        providers = List.copyOf(providers);
        datasets = List.copyOf(datasets);
    }
}
