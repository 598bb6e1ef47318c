package dev.weft.engine.node.ifelse;

import java.util.List;

/**
 * The {@code data} of an {@code if-else} node: {@code cases}, tried in order, or the legacy single-case form
 * with {@code logical_operator} and {@code conditions} at the top level (its case id is {@code true}).
 */
public record IfElseConfig(List<Case> cases, String logicalOperator, List<Condition> conditions) {

    /** The handle taken when no case matches. */
    public static final String ELSE_HANDLE = "false";

    /** The case id of the legacy single-case form. */
    public static final String LEGACY_CASE_ID = "true";

    /** One case: its id is the branch handle taken when its conditions hold. */
    public record Case(String caseId, String logicalOperator, List<Condition> conditions) {

        public Case {
            conditions = conditions == null ? List.of() : conditions;
        }
    }

    /** The cases to try: {@code cases}, or the legacy top-level conditions as one case {@code true}. */
    public List<Case> effectiveCases() {
        if (cases != null && !cases.isEmpty()) {
            return cases;
        }
        if (conditions != null) {
            return List.of(new Case(LEGACY_CASE_ID, logicalOperator, conditions));
        }
        return List.of();
    }
}
