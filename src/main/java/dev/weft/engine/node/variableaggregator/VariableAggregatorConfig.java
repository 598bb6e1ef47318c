package dev.weft.engine.node.variableaggregator;

import java.util.List;

/**
 * The {@code data} of a {@code variable-aggregator} (or legacy {@code variable-assigner}) node: {@code variables}, the
 * selectors to merge, or, with {@code advanced_settings.group_enabled}, one list per named group.
 */
public record VariableAggregatorConfig(String outputType, List<List<String>> variables, AdvancedSettings advancedSettings) {

    public VariableAggregatorConfig {
        variables = variables == null ? List.of() : variables;
    }

    public boolean grouped() {
        return advancedSettings != null && advancedSettings.groupEnabled() && advancedSettings.groups() != null;
    }

    /** Grouping: each group gives an output {@code {group_name: {output: value}}}. */
    public record AdvancedSettings(boolean groupEnabled, List<Group> groups) {}

    /** A named group of selectors; the first one set wins. */
    public record Group(String groupName, String outputType, List<List<String>> variables, String groupId) {

        public Group {
            variables = variables == null ? List.of() : variables;
        }
    }
}
