package dev.weft.engine.node.start;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Values;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The entry of a run. The engine puts the caller's inputs under this node; the node checks each declared
 * variable (required, type, options, length), fills defaults and writes the checked values as its outputs.
 */
@Component
public class StartNode implements NodeExecutor<StartConfig> {

    @Override
    public String type() {
        return "start";
    }

    @Override
    public Class<StartConfig> configType() {
        return StartConfig.class;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.ROOT;
    }

    @Override
    public List<String> outputNames(StartConfig config) {
        return config.variables().stream().map(StartConfig.InputVariable::variable).toList();
    }

    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public NodeResult execute(StartConfig config, NodeContext context) {
        Map<String, Object> given = context.pool().outputsOf(context.nodeId());
        Map<String, Object> outputs = new LinkedHashMap<>(given);
        for (StartConfig.InputVariable v : config.variables()) {
            Object value = given.get(v.variable());
            if (Values.isEmpty(value)) {
                value = v.defaultValue();
            }
            if (Values.isEmpty(value)) {
                if (v.isRequired()) {
                    throw new NodeExecutionException("InvalidInput", "the input '" + label(v) + "' is required");
                }
                outputs.put(v.variable(), null);
                continue;
            }
            outputs.put(v.variable(), coerce(v, value));
        }
        return NodeResult.of(given, outputs);
    }

    private static Object coerce(StartConfig.InputVariable v, Object value) {
        String type = v.type() == null ? "text-input" : v.type();
        return switch (type) {
            case "number" -> {
                BigDecimal n = Values.toNumber(value);
                if (n == null) {
                    throw new NodeExecutionException("InvalidInput", "the input '" + label(v) + "' must be a number, got '" + value + "'");
                }
                yield n.stripTrailingZeros().scale() <= 0 ? (Object) n.longValue() : n.doubleValue();
            }
            case "checkbox" -> value instanceof Boolean b ? b : Boolean.parseBoolean(Values.toText(value));
            case "select" -> {
                String text = Values.toText(value);
                if (v.options() != null && !v.options().isEmpty() && !v.options().contains(text)) {
                    throw new NodeExecutionException("InvalidInput",
                            "the input '" + label(v) + "' must be one of " + v.options() + ", got '" + text + "'");
                }
                yield text;
            }
            case "text-input", "paragraph" -> {
                String text = Values.toText(value);
                if (v.maxLength() != null && v.maxLength() > 0 && text.length() > v.maxLength()) {
                    throw new NodeExecutionException("InvalidInput", "the input '" + label(v) + "' is longer than "
                            + v.maxLength() + " characters (" + text.length() + ")");
                }
                yield text;
            }
            case "json_object" -> value instanceof String s ? Values.parseJsonOrText(s) : value;
            default -> value;
        };
    }

    private static String label(StartConfig.InputVariable v) {
        return v.label() == null || v.label().isBlank() ? v.variable() : v.label();
    }
}
