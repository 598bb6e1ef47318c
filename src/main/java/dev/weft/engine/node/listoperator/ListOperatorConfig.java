package dev.weft.engine.node.listoperator;

import java.util.List;

/**
 * The {@code data} of a {@code list-operator} node: the list at {@code variable}, then, when enabled and in this
 * order, {@code filter_by}, {@code extract_by} (1-based {@code serial}), {@code order_by} and {@code limit}.
 */
public record ListOperatorConfig(List<String> variable, FilterBy filterBy, ExtractBy extractBy, OrderBy orderBy, Limit limit) {

    /** Keeps the items that meet every condition. */
    public record FilterBy(boolean enabled, List<FilterCondition> conditions) {

        public FilterBy {
            conditions = conditions == null ? List.of() : conditions;
        }
    }

    /** {@code key} names a file attribute or object field; blank for plain items. */
    public record FilterCondition(String key, String comparisonOperator, Object value) {}

    /** Keeps only the item at the 1-based {@code serial} (text, may hold {@code {{#...#}}}). */
    public record ExtractBy(boolean enabled, String serial) {}

    /** Sorts by {@code key} (file attribute or field; blank for plain items), {@code value} {@code asc} or {@code desc}. */
    public record OrderBy(boolean enabled, String key, String value) {}

    /** Keeps the first {@code size} items. */
    public record Limit(boolean enabled, int size) {}
}
