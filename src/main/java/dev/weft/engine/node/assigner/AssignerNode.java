package dev.weft.engine.node.assigner;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code assigner} ("Variable Assigner"): writes conversation variables (node id {@code conversation}) or other
 * variables that already exist, through {@code VariablePool.update}, so a write inside an iteration reaches the run.
 * Outputs nothing; the trace shows each variable before and after.
 */
@Component
public class AssignerNode implements NodeExecutor<AssignerConfig> {

    @Override
    public String type() {
        return "assigner";
    }

    @Override
    public Class<AssignerConfig> configType() {
        return AssignerConfig.class;
    }

    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public NodeResult execute(AssignerConfig config, NodeContext ctx) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        List<Map<String, Object>> updated = new ArrayList<>();
        for (AssignerConfig.Item item : config.effectiveItems()) {
            Selector target = target(item);
            if (!ctx.pool().contains(target)) {
                throw new NodeExecutionException("VariableOperatorNodeError", "variable " + target + " does not exist; only existing "
                        + "variables (such as conversation variables) can be assigned");
            }
            AssignOperation op;
            try {
                op = AssignOperation.of(item.operation());
            } catch (IllegalArgumentException e) {
                throw new NodeExecutionException("VariableOperatorNodeError", target + ": " + e.getMessage());
            }
            Object current = ctx.resolve(target).orElse(null);
            Object value = op.needsValue() ? value(item, ctx, target) : null;
            Object next;
            try {
                next = op.apply(current, value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new NodeExecutionException("VariableOperatorNodeError", target + " (" + op.wire() + "): " + e.getMessage(), e);
            }
            ctx.pool().update(target.nodeId(), target.variable(), next);
            inputs.put(target.dotted(), current);
            updated.add(NodeResult.map("selector", target.path(), "operation", op.wire(), "value", next));
        }
        return new NodeResult(inputs, Map.of("updated_variables", updated), Map.of(), null, null);
    }

    private static Selector target(AssignerConfig.Item item) {
        if (item.variableSelector() == null || item.variableSelector().size() != 2) {
            throw new NodeExecutionException("VariableOperatorNodeError",
                    "the variable to assign must be [node_id, name], got " + item.variableSelector());
        }
        return new Selector(item.variableSelector());
    }

    private static Object value(AssignerConfig.Item item, NodeContext ctx, Selector target) {
        if (!item.fromVariable()) {
            return item.value();
        }
        if (!(item.value() instanceof List<?> raw) || raw.size() < 2) {
            throw new NodeExecutionException("VariableOperatorNodeError", target + ": choose the variable whose value is assigned");
        }
        List<String> selector = raw.stream().map(String::valueOf).toList();
        return ctx.resolve(selector).orElseThrow(() -> new NodeExecutionException("VariableOperatorNodeError",
                target + ": input variable " + String.join(".", selector) + " is not set"));
    }

    @Override
    public List<Selector> inputSelectors(AssignerConfig config) {
        List<Selector> selectors = new ArrayList<>();
        for (AssignerConfig.Item item : config.effectiveItems()) {
            if (item.variableSelector() != null && item.variableSelector().size() >= 2) {
                selectors.add(new Selector(item.variableSelector()));
            }
            if (item.fromVariable() && item.value() instanceof List<?> raw && raw.size() >= 2) {
                selectors.add(new Selector(raw.stream().map(String::valueOf).toList()));
            }
        }
        return selectors;
    }

    @Override
    public List<String> outputNames(AssignerConfig config) {
        return List.of();
    }

    @Override
    public List<ConfigProblem> validate(AssignerConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<AssignerConfig.Item> items = config.effectiveItems();
        String prefix = config.legacy() ? "" : "items";
        for (int i = 0; i < items.size(); i++) {
            AssignerConfig.Item item = items.get(i);
            String base = config.legacy() ? "" : prefix + "[" + i + "].";
            if (item.variableSelector() == null || item.variableSelector().size() != 2) {
                problems.add(new ConfigProblem(config.legacy() ? "assigned_variable_selector" : base + "variable_selector",
                        "choose the variable to assign"));
            }
            try {
                AssignOperation op = AssignOperation.of(item.operation());
                if (op.needsValue() && item.fromVariable() && !(item.value() instanceof List<?> l && l.size() >= 2)) {
                    problems.add(new ConfigProblem(config.legacy() ? "input_variable_selector" : base + "value",
                            "choose the variable whose value is assigned"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem(config.legacy() ? "write_mode" : base + "operation", e.getMessage()));
            }
        }
        return problems;
    }
}
