package dev.weft.engine.node.listoperator;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.ifelse.ConditionEvaluator;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code list-operator}: filters, picks, sorts and cuts a list (of text, numbers, booleans, objects or files) into
 * {@code result}, {@code first_record} and {@code last_record}. Filters use the IF/ELSE operators.
 */
@Component
public class ListOperatorNode implements NodeExecutor<ListOperatorConfig> {

    @Override
    public String type() {
        return "list-operator";
    }

    @Override
    public Class<ListOperatorConfig> configType() {
        return ListOperatorConfig.class;
    }

    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public NodeResult execute(ListOperatorConfig config, NodeContext ctx) {
        if (config.variable() == null || config.variable().size() < 2) {
            throw new NodeExecutionException("ListOperatorError", "choose the list variable to operate on");
        }
        Object value = ctx.resolve(config.variable()).orElse(null);
        Map<String, Object> inputs = NodeResult.map("variable", value);
        if (value == null || Values.isEmpty(value)) {
            return NodeResult.of(inputs, NodeResult.map("result", List.of(), "first_record", null, "last_record", null));
        }
        if (!(value instanceof List<?> source)) {
            throw new NodeExecutionException("ListOperatorError",
                    "variable " + new Selector(config.variable()) + " is not a list (it holds " + Values.toText(value) + ")");
        }
        List<Object> items = new ArrayList<>(source);
        try {
            if (config.filterBy() != null && config.filterBy().enabled()) {
                items = filter(items, config.filterBy(), ctx);
            }
            if (config.extractBy() != null && config.extractBy().enabled()) {
                items = extract(items, config.extractBy(), ctx);
            }
            if (config.orderBy() != null && config.orderBy().enabled()) {
                items = order(items, config.orderBy());
            }
            if (config.limit() != null && config.limit().enabled()) {
                items = new ArrayList<>(items.subList(0, Math.max(0, Math.min(config.limit().size(), items.size()))));
            }
        } catch (IllegalArgumentException e) {
            throw new NodeExecutionException("ListOperatorError", e.getMessage(), e);
        }
        return NodeResult.of(inputs, NodeResult.map(
                "result", items,
                "first_record", items.isEmpty() ? null : items.getFirst(),
                "last_record", items.isEmpty() ? null : items.getLast()));
    }

    private static List<Object> filter(List<Object> items, ListOperatorConfig.FilterBy filterBy, NodeContext ctx) {
        List<Object> kept = new ArrayList<>();
        for (Object item : items) {
            boolean keep = true;
            for (ListOperatorConfig.FilterCondition c : filterBy.conditions()) {
                Object actual = ConditionEvaluator.attribute(item, c.key());
                Object expected = ConditionEvaluator.expectedValue(c.value(), actual, ctx);
                if (!ConditionEvaluator.compare(c.comparisonOperator(), actual, expected)) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(item);
            }
        }
        return kept;
    }

    private static List<Object> extract(List<Object> items, ListOperatorConfig.ExtractBy extractBy, NodeContext ctx) {
        String text = ctx.render(extractBy.serial() == null ? "" : extractBy.serial()).trim();
        BigDecimal serial = Values.toNumber(text);
        if (serial == null || serial.stripTrailingZeros().scale() > 0 || serial.signum() <= 0) {
            throw new IllegalArgumentException("extract_by.serial must be a whole number from 1, got '" + text + "'");
        }
        int index = serial.intValueExact();
        if (index > items.size()) {
            throw new IllegalArgumentException("extract_by.serial " + index + " is beyond the end of the list (" + items.size() + " items)");
        }
        return new ArrayList<>(List.of(items.get(index - 1)));
    }

    private static List<Object> order(List<Object> items, ListOperatorConfig.OrderBy orderBy) {
        Comparator<Object> byKey = Comparator.comparing(item -> ConditionEvaluator.attribute(item, orderBy.key()), ListOperatorNode::compareValues);
        List<Object> sorted = new ArrayList<>(items);
        sorted.sort("desc".equalsIgnoreCase(orderBy.value()) ? byKey.reversed() : byKey);
        return sorted;
    }

    /** Nulls first, numbers numerically, booleans false before true, the rest by text. */
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number && b instanceof Number) {
            return Values.toNumber(a).compareTo(Values.toNumber(b));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        return Values.toText(a).compareTo(Values.toText(b));
    }

    @Override
    public List<Selector> inputSelectors(ListOperatorConfig config) {
        return config.variable() != null && config.variable().size() >= 2 ? List.of(new Selector(config.variable())) : List.of();
    }

    @Override
    public List<String> outputNames(ListOperatorConfig config) {
        return List.of("result", "first_record", "last_record");
    }

    @Override
    public List<ConfigProblem> validate(ListOperatorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.variable() == null || config.variable().size() < 2) {
            problems.add(new ConfigProblem("variable", "choose the list variable to operate on"));
        }
        if (config.filterBy() != null && config.filterBy().enabled()) {
            for (int i = 0; i < config.filterBy().conditions().size(); i++) {
                String op = config.filterBy().conditions().get(i).comparisonOperator();
                if (op == null || !ConditionEvaluator.OPERATORS.contains(op)) {
                    problems.add(new ConfigProblem("filter_by.conditions[" + i + "].comparison_operator", "unknown operator '" + op + "'"));
                }
            }
        }
        if (config.limit() != null && config.limit().enabled() && config.limit().size() < 0) {
            problems.add(new ConfigProblem("limit.size", "limit.size must not be negative"));
        }
        if (config.orderBy() != null && config.orderBy().enabled() && config.orderBy().value() != null
                && !List.of("asc", "desc").contains(config.orderBy().value())) {
            problems.add(new ConfigProblem("order_by.value", "order_by.value must be 'asc' or 'desc'"));
        }
        return problems;
    }
}
