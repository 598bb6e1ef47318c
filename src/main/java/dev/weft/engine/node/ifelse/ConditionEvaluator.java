package dev.weft.engine.node.ifelse;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Dify's comparison operators, shared by {@code if-else} and {@code list-operator}. Follows Dify's condition
 * processor: emptiness is Python truthiness (null, "", 0, false, empty list or map are empty), {@code =},
 * {@code >} and friends compare numbers numerically, {@code is} compares text or booleans, {@code in} and
 * {@code all of} take a list of expected values. A variable that is not set counts as null.
 */
public final class ConditionEvaluator {

    /** Every operator Dify offers, in its spelling. */
    public static final Set<String> OPERATORS = Set.of(
            "contains", "not contains", "start with", "end with", "is", "is not", "empty", "not empty",
            "in", "not in", "all of", "=", "≠", ">", "<", "≥", "≤", "null", "not null", "exists", "not exists");

    /** File attributes a sub-condition or a list-operator key may name. */
    public static final Set<String> FILE_ATTRIBUTES =
            Set.of("name", "type", "extension", "mime_type", "size", "transfer_method", "url", "related_id");

    private ConditionEvaluator() {}

    /** The outcome of a group of conditions: one trace entry per evaluated condition, and the combined result. */
    public record GroupResult(List<Map<String, Object>> evaluated, boolean result) {}

    /**
     * Evaluates {@code conditions} joined by {@code and} (the default) or {@code or}, reading variables and rendering
     * expected values through {@code ctx}; stops at the first condition that decides the group, as Dify does.
     */
    public static GroupResult evaluate(List<Condition> conditions, String logicalOperator, NodeContext ctx) {
        boolean or = "or".equalsIgnoreCase(logicalOperator);
        List<Map<String, Object>> evaluated = new ArrayList<>();
        for (Condition c : conditions) {
            boolean r = evaluate(c, ctx, evaluated);
            if (or && r) {
                return new GroupResult(evaluated, true);
            }
            if (!or && !r) {
                return new GroupResult(evaluated, false);
            }
        }
        return new GroupResult(evaluated, !or);
    }

    private static boolean evaluate(Condition c, NodeContext ctx, List<Map<String, Object>> trace) {
        String op = c.comparisonOperator();
        requireKnown(op);
        if (c.variableSelector() == null || c.variableSelector().size() < 2) {
            throw new IllegalArgumentException("condition has no variable to compare (variable_selector " + c.variableSelector() + ")");
        }
        Object actual = ctx.resolve(c.variableSelector()).orElse(null);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("variable_selector", c.variableSelector());
        entry.put("comparison_operator", op);
        boolean result;
        if (isFileList(actual) && c.subVariableCondition() != null
                && Set.of("contains", "not contains", "all of").contains(op)) {
            result = fileSubConditions((List<?>) actual, c.subVariableCondition(), ctx);
            entry.put("sub_variable_condition", true);
        } else {
            Object expected = expectedValue(c.value(), actual, ctx);
            entry.put("actual_value", actual);
            entry.put("expected_value", expected);
            try {
                result = compare(op, actual, expected);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "condition on " + new Selector(c.variableSelector()) + " '" + op + "': " + e.getMessage(), e);
            }
        }
        entry.put("result", result);
        trace.add(entry);
        return result;
    }

    /** Renders templates in a text expected value, and turns it into a boolean when the actual value is one. */
    public static Object expectedValue(Object raw, Object actual, NodeContext ctx) {
        Object expected = raw instanceof String s ? ctx.render(s) : raw;
        if (expected == null) {
            return null;
        }
        if (actual instanceof Boolean || (actual instanceof List<?> l && !l.isEmpty() && l.getFirst() instanceof Boolean)) {
            return expected instanceof List<?> list ? list.stream().map(ConditionEvaluator::toBool).toList() : toBool(expected);
        }
        return expected;
    }

    private static boolean fileSubConditions(List<?> files, Condition.SubVariableCondition sub, NodeContext ctx) {
        boolean or = "or".equalsIgnoreCase(sub.logicalOperator());
        List<Boolean> results = new ArrayList<>();
        for (Condition.SubCondition sc : sub.conditions()) {
            requireKnown(sc.comparisonOperator());
            Object expected = sc.value() instanceof String s ? ctx.render(s) : sc.value();
            boolean extension = "extension".equals(sc.key());
            if (extension && expected instanceof String s && !s.isEmpty() && !s.startsWith(".")) {
                expected = "." + s;
            }
            List<Boolean> perFile = new ArrayList<>();
            for (Object file : files) {
                Object value = attribute(file, sc.key());
                if (extension && value instanceof String s && !s.isEmpty() && !s.startsWith(".")) {
                    value = "." + s;
                }
                perFile.add(compare(sc.comparisonOperator(), value, expected));
            }
            boolean all = sc.comparisonOperator().contains("not");
            results.add(all ? perFile.stream().allMatch(b -> b) : perFile.stream().anyMatch(b -> b));
        }
        return or ? results.stream().anyMatch(b -> b) : results.stream().allMatch(b -> b);
    }

    /**
     * Applies one operator. Throws IllegalArgumentException, naming the problem, when the operator does not fit the
     * value's type (such as {@code >} on text) or the expected value is unusable.
     */
    public static boolean compare(String operator, Object actual, Object expected) {
        requireKnown(operator);
        return switch (operator) {
            case "contains" -> !isFalsy(actual) && contains(actual, expected);
            case "not contains" -> isFalsy(actual) || !contains(actual, expected);
            case "start with" -> !isFalsy(actual) && text(actual, operator).startsWith(Values.toText(expected));
            case "end with" -> !isFalsy(actual) && text(actual, operator).endsWith(Values.toText(expected));
            case "is" -> actual != null && is(actual, expected);
            case "is not" -> actual != null && !is(actual, expected);
            case "empty" -> isFalsy(actual);
            case "not empty" -> !isFalsy(actual);
            case "=" -> actual != null && numericOrBoolean(actual, expected) == 0;
            case "≠" -> actual != null && numericOrBoolean(actual, expected) != 0;
            case ">" -> actual != null && number(actual, expected) > 0;
            case "<" -> actual != null && number(actual, expected) < 0;
            case "≥" -> actual != null && number(actual, expected) >= 0;
            case "≤" -> actual != null && number(actual, expected) <= 0;
            case "null", "not exists" -> actual == null;
            case "not null", "exists" -> actual != null;
            case "in" -> !isFalsy(actual) && expectedList(expected, operator).stream().anyMatch(e -> looseEquals(actual, e));
            case "not in" -> isFalsy(actual) || expectedList(expected, operator).stream().noneMatch(e -> looseEquals(actual, e));
            case "all of" -> !isFalsy(actual) && expectedList(expected, operator).stream().allMatch(e -> contains(actual, e));
            default -> throw new IllegalArgumentException("unknown comparison operator '" + operator + "'");
        };
    }

    /** Python truthiness, as Dify's {@code empty} uses it. */
    public static boolean isFalsy(Object value) {
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Number n) {
            return Values.toNumber(n).signum() == 0;
        }
        return Values.isEmpty(value);
    }

    /** A file attribute ({@code name} is the file name) or a map field; the item itself for a blank key. */
    public static Object attribute(Object item, String key) {
        if (key == null || key.isBlank()) {
            return item;
        }
        if (item instanceof FileValue f) {
            return switch (key) {
                case "name" -> f.filename();
                case "type" -> f.type();
                case "extension" -> f.extension();
                case "mime_type" -> f.mimeType();
                case "size" -> f.size();
                case "transfer_method" -> f.transferMethod();
                case "url" -> f.url();
                case "related_id" -> f.uploadFileId();
                default -> throw new IllegalArgumentException("files have no attribute '" + key + "'");
            };
        }
        if (item instanceof Map<?, ?> m) {
            if ("name".equals(key) && !m.containsKey("name") && m.containsKey("filename")) {
                return m.get("filename");
            }
            return m.get(key);
        }
        return null;
    }

    private static void requireKnown(String operator) {
        if (operator == null || !OPERATORS.contains(operator)) {
            throw new IllegalArgumentException("unknown comparison operator '" + operator + "'; expected one of " + OPERATORS);
        }
    }

    private static boolean isFileList(Object value) {
        return value instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(FileValue.class::isInstance);
    }

    private static boolean contains(Object actual, Object expected) {
        if (actual instanceof String s) {
            return s.contains(Values.toText(expected));
        }
        if (actual instanceof Collection<?> c) {
            return c.stream().anyMatch(item -> looseEquals(item, expected));
        }
        throw new IllegalArgumentException("'contains' needs text or a list, got " + Values.describeType(actual));
    }

    private static String text(Object actual, String operator) {
        if (actual instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("'" + operator + "' needs text, got " + Values.describeType(actual));
    }

    private static boolean is(Object actual, Object expected) {
        if (actual instanceof Boolean b) {
            return expected != null && b == toBool(expected);
        }
        if (actual instanceof String || actual instanceof Number) {
            return Values.toText(actual).equals(Values.toText(expected));
        }
        throw new IllegalArgumentException("'is' needs text or a boolean, got " + Values.describeType(actual));
    }

    private static int numericOrBoolean(Object actual, Object expected) {
        if (actual instanceof Boolean b) {
            return b == toBool(expected) ? 0 : 1;
        }
        return number(actual, expected);
    }

    private static int number(Object actual, Object expected) {
        BigDecimal a = actual instanceof Boolean ? null : Values.toNumber(actual);
        if (a == null) {
            throw new IllegalArgumentException("needs a number, got " + Values.describeType(actual) + " '" + Values.toText(actual) + "'");
        }
        BigDecimal e = expected instanceof Boolean ? null : Values.toNumber(expected);
        if (e == null) {
            throw new IllegalArgumentException("expected value '" + Values.toText(expected) + "' is not a number");
        }
        return a.compareTo(e);
    }

    private static List<?> expectedList(Object expected, String operator) {
        if (expected instanceof List<?> l) {
            return l;
        }
        if (expected instanceof String s && s.trim().startsWith("[") && Values.parseJsonOrText(s) instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("'" + operator + "' needs a list of expected values, got '" + Values.toText(expected) + "'");
    }

    /** Equal as values, as numbers, or as text (the editor stores expected values as text). */
    static boolean looseEquals(Object a, Object b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            try {
                return toBool(a) == toBool(b);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        BigDecimal na = Values.toNumber(a);
        BigDecimal nb = Values.toNumber(b);
        if (na != null && nb != null && (a instanceof Number || b instanceof Number)) {
            return na.compareTo(nb) == 0;
        }
        return Values.toText(a).equals(Values.toText(b));
    }

    /** Dify's boolean conversion: booleans, numbers, and the text {@code true}, {@code false} or a number. */
    static boolean toBool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return Values.toNumber(n).signum() != 0;
        }
        if (value instanceof String s) {
            String t = s.trim().toLowerCase();
            if (t.equals("true")) {
                return true;
            }
            if (t.equals("false")) {
                return false;
            }
            BigDecimal n = Values.toNumber(t);
            if (n != null) {
                return n.signum() != 0;
            }
        }
        throw new IllegalArgumentException("'" + Values.toText(value) + "' is not a boolean (use true or false)");
    }

}
