package dev.weft.engine.node.parameterextractor;

import dev.weft.engine.variable.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings an extracted value to its parameter's type: numbers from {@code "1,200"} or {@code "42 kg"}, booleans
 * from yes/no, select values to the matching option, single values into arrays. A value that cannot be
 * brought to the type gives a problem instead.
 */
final class ParameterCoercer {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");

    /** The coerced value, or a problem saying why there is none. */
    record Coerced(Object value, String problem) {

        static Coerced ok(Object value) {
            return new Coerced(value, null);
        }

        static Coerced bad(String problem) {
            return new Coerced(null, problem);
        }

        boolean failed() {
            return problem != null;
        }
    }

    private ParameterCoercer() {}

    static Coerced coerce(ParameterType type, List<String> options, Object raw) {
        if (type.isArray()) {
            List<?> items = raw instanceof List<?> l ? l : List.of(raw);
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                Coerced c = type == ParameterType.ARRAY_OBJECT ? object(item) : coerce(type.element(), options, item);
                if (c.failed()) {
                    return Coerced.bad("an item " + c.problem());
                }
                out.add(c.value());
            }
            return Coerced.ok(out);
        }
        return switch (type) {
            case STRING -> Coerced.ok(Values.toText(raw));
            case NUMBER -> number(raw);
            case BOOL, BOOLEAN -> bool(raw);
            case SELECT -> select(options, raw);
            default -> Coerced.ok(raw);
        };
    }

    /** The value Dify gives a parameter that was not extracted. */
    static Object defaultValue(ParameterType type) {
        return switch (type) {
            case NUMBER -> 0L;
            case BOOL, BOOLEAN -> false;
            case STRING, SELECT -> "";
            default -> List.of();
        };
    }

    private static Coerced number(Object raw) {
        BigDecimal n = raw instanceof String s ? Values.toNumber(s.replace(",", "").replace("_", "").strip()) : Values.toNumber(raw);
        if (n == null && raw instanceof String s) {
            Matcher m = NUMBER.matcher(s.replace(",", ""));
            n = m.find() ? new BigDecimal(m.group()) : null;
        }
        if (n == null || raw instanceof Boolean) {
            return Coerced.bad("'" + Values.toText(raw) + "' is not a number");
        }
        BigDecimal plain = n.stripTrailingZeros();
        if (plain.scale() <= 0 && plain.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return Coerced.ok(plain.longValue());
        }
        return Coerced.ok(n.doubleValue());
    }

    private static Coerced bool(Object raw) {
        if (raw instanceof Boolean b) {
            return Coerced.ok(b);
        }
        String s = Values.toText(raw).strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "y", "1" -> Coerced.ok(true);
            case "false", "no", "n", "0" -> Coerced.ok(false);
            default -> Coerced.bad("'" + Values.toText(raw) + "' is not true or false");
        };
    }

    private static Coerced select(List<String> options, Object raw) {
        String s = Values.toText(raw).strip();
        if (options.isEmpty() || options.contains(s)) {
            return Coerced.ok(s);
        }
        for (String option : options) {
            if (option.equalsIgnoreCase(s)) {
                return Coerced.ok(option);
            }
        }
        return Coerced.bad("'" + s + "' is not one of the options " + options);
    }

    private static Coerced object(Object raw) {
        return raw instanceof Map<?, ?> ? Coerced.ok(raw) : Coerced.bad("'" + Values.toText(raw) + "' is not an object");
    }
}
