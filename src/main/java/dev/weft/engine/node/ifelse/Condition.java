package dev.weft.engine.node.ifelse;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One comparison, as Dify writes it: the variable to read, the operator ({@code contains}, {@code =}, {@code empty}, ...)
 * and the expected value (text that may hold {@code {{#...#}}} references, a list for {@code in}/{@code all of}, or a
 * boolean). {@code subVariableCondition} filters the files of a file list by their attributes.
 */
public record Condition(
        List<String> variableSelector,
        String comparisonOperator,
        Object value,
        @JsonProperty("varType") String varType,
        SubVariableCondition subVariableCondition) {

    /** Conditions on the attributes of each file in a file list ({@code name, type, extension, mime_type, size, transfer_method, url}). */
    public record SubVariableCondition(String logicalOperator, List<SubCondition> conditions) {

        public SubVariableCondition {
            conditions = conditions == null ? List.of() : conditions;
        }
    }

    /** One condition on a file attribute {@code key}. */
    public record SubCondition(String key, String comparisonOperator, Object value) {}
}
