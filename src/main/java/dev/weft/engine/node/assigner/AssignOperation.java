package dev.weft.engine.node.assigner;

import dev.weft.engine.variable.Values;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dify's variable assigner operations, each applied to the current value of a variable. */
public enum AssignOperation {
    OVER_WRITE("over-write", true),
    CLEAR("clear", false),
    SET("set", true),
    APPEND("append", true),
    EXTEND("extend", true),
    ADD("+=", true),
    SUBTRACT("-=", true),
    MULTIPLY("*=", true),
    DIVIDE("/=", true),
    REMOVE_FIRST("remove-first", false),
    REMOVE_LAST("remove-last", false);

    private final String wire;
    private final boolean needsValue;

    AssignOperation(String wire, boolean needsValue) {
        this.wire = wire;
        this.needsValue = needsValue;
    }

    public String wire() {
        return wire;
    }

    public boolean needsValue() {
        return needsValue;
    }

    public static AssignOperation of(String wire) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown operation '" + wire + "'; expected one of "
                        + Arrays.stream(values()).map(AssignOperation::wire).toList()));
    }

    /** The new value of a variable holding {@code current} after this operation with {@code value}. */
    public Object apply(Object current, Object value) {
        return switch (this) {
            case OVER_WRITE, SET -> sameKind(current, value);
            case CLEAR -> emptyOf(current);
            case APPEND -> {
                List<Object> list = new ArrayList<>(list(current));
                list.add(value);
                yield list;
            }
            case EXTEND -> {
                if (!(value instanceof List<?> more)) {
                    throw new IllegalArgumentException("'extend' needs a list value, got " + kind(value));
                }
                List<Object> list = new ArrayList<>(list(current));
                list.addAll(more);
                yield list;
            }
            case ADD, SUBTRACT, MULTIPLY, DIVIDE -> arithmetic(current, value);
            case REMOVE_FIRST, REMOVE_LAST -> {
                List<Object> list = new ArrayList<>(list(current));
                if (!list.isEmpty()) {
                    list.remove(this == REMOVE_FIRST ? 0 : list.size() - 1);
                }
                yield list;
            }
        };
    }

    private Object arithmetic(Object current, Object value) {
        BigDecimal a = current instanceof Number ? Values.toNumber(current) : null;
        if (a == null) {
            throw new IllegalArgumentException("'" + wire + "' needs a number variable, got " + kind(current));
        }
        BigDecimal b = value instanceof Boolean ? null : Values.toNumber(value);
        if (b == null) {
            throw new IllegalArgumentException("'" + wire + "' needs a number value, got " + kind(value) + " '" + Values.toText(value) + "'");
        }
        BigDecimal r = switch (this) {
            case ADD -> a.add(b);
            case SUBTRACT -> a.subtract(b);
            case MULTIPLY -> a.multiply(b);
            default -> {
                if (b.signum() == 0) {
                    throw new IllegalArgumentException("cannot divide by zero");
                }
                yield a.divide(b, MathContext.DECIMAL64);
            }
        };
        boolean integral = (current instanceof Integer || current instanceof Long) && (value instanceof Integer || value instanceof Long
                || value instanceof String) && this != DIVIDE && r.stripTrailingZeros().scale() <= 0;
        return integral ? (Object) r.longValueExact() : (Object) r.doubleValue();
    }

    private static List<?> list(Object current) {
        if (current instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("needs a list variable, got " + kind(current));
    }

    /** The value to write for over-write/set: it must be of the variable's kind (a number string counts for a number). */
    private static Object sameKind(Object current, Object value) {
        if (current == null || value == null || kind(current).equals(kind(value))) {
            return value;
        }
        if (current instanceof Number && value instanceof String s && Values.toNumber(s) != null) {
            BigDecimal n = Values.toNumber(s);
            return n.stripTrailingZeros().scale() <= 0 ? (Object) n.longValueExact() : (Object) n.doubleValue();
        }
        if (current instanceof Boolean && value instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("cannot write " + kind(value) + " to a variable holding " + kind(current));
    }

    private static Object emptyOf(Object current) {
        return switch (current) {
            case null -> null;
            case String s -> "";
            case Number n -> 0;
            case Boolean b -> false;
            case List<?> l -> new ArrayList<>();
            case Map<?, ?> m -> new LinkedHashMap<>();
            default -> null;
        };
    }

    static String kind(Object value) {
        return Values.describeType(value);
    }
}
