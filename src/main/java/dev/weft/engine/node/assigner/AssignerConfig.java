package dev.weft.engine.node.assigner;

import java.util.List;

/**
 * The {@code data} of an {@code assigner} node. Version 2 lists {@code items}; version 1 has one
 * {@code assigned_variable_selector} written with {@code write_mode} from {@code input_variable_selector}.
 */
public record AssignerConfig(
        String version,
        List<Item> items,
        List<String> assignedVariableSelector,
        String writeMode,
        List<String> inputVariableSelector) {

    /** Whether this is the version-1 form (no {@code items}, an {@code assigned_variable_selector}). */
    public boolean legacy() {
        return (items == null || items.isEmpty()) && assignedVariableSelector != null && !assignedVariableSelector.isEmpty();
    }

    /** The writes to do, in order; version 1 becomes one item with a variable input. */
    public List<Item> effectiveItems() {
        if (!legacy()) {
            return items == null ? List.of() : items;
        }
        return List.of(new Item(assignedVariableSelector, "variable", writeMode == null ? "over-write" : writeMode, inputVariableSelector));
    }

    /**
     * One write: {@code operation} on the variable at {@code variable_selector}; {@code value} is a selector when
     * {@code input_type} is {@code variable}, the value itself when it is {@code constant}.
     */
    public record Item(List<String> variableSelector, String inputType, String operation, Object value) {

        public boolean fromVariable() {
            return !"constant".equals(inputType);
        }
    }
}
