package dev.weft.knowledge.retrieve;

import java.util.List;

/** Conditions joined by {@code and} or {@code or} (Dify's {@code logical_operator}). Empty conditions: no filter. */
public record MetadataFilter(String logicalOperator, List<MetadataCondition> conditions) {

    public static final MetadataFilter NONE = new MetadataFilter("and", List.of());

    public MetadataFilter {
        logicalOperator = "or".equalsIgnoreCase(logicalOperator) ? "or" : "and";
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }
}
