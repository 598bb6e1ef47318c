package dev.weft.engine.node.variableaggregator;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code variable-aggregator}: merges the branches of an IF/ELSE or classifier into one variable, the first of
 * {@code variables} that holds a value, as {@code output}; with groups, {@code {group_name: {output: value}}}.
 */
@Component
public class VariableAggregatorNode implements NodeExecutor<VariableAggregatorConfig> {

    @Override
    public String type() {
        return "variable-aggregator";
    }

    @Override
    public Class<VariableAggregatorConfig> configType() {
        return VariableAggregatorConfig.class;
    }

    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public NodeResult execute(VariableAggregatorConfig config, NodeContext ctx) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (!config.grouped()) {
            firstSet(config.variables(), ctx, inputs).ifPresent(v -> outputs.put("output", v));
        } else {
            for (VariableAggregatorConfig.Group group : config.advancedSettings().groups()) {
                Map<String, Object> out = new LinkedHashMap<>();
                firstSet(group.variables(), ctx, inputs).ifPresent(v -> out.put("output", v));
                if (!out.isEmpty()) {
                    outputs.put(group.groupName(), out);
                }
            }
        }
        return NodeResult.of(inputs, outputs);
    }

    private static Optional<Object> firstSet(List<List<String>> selectors, NodeContext ctx, Map<String, Object> inputs) {
        for (List<String> selector : selectors) {
            Optional<Object> value = ctx.resolve(selector);
            if (value.isPresent()) {
                inputs.put(String.join(".", selector.subList(1, selector.size())), value.get());
                return value;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Selector> inputSelectors(VariableAggregatorConfig config) {
        List<Selector> selectors = new ArrayList<>();
        List<List<String>> all = new ArrayList<>(config.variables());
        if (config.grouped()) {
            config.advancedSettings().groups().forEach(g -> all.addAll(g.variables()));
        }
        for (List<String> s : all) {
            if (s != null && s.size() >= 2) {
                selectors.add(new Selector(s));
            }
        }
        return selectors;
    }

    @Override
    public List<String> outputNames(VariableAggregatorConfig config) {
        return config.grouped()
                ? config.advancedSettings().groups().stream().map(VariableAggregatorConfig.Group::groupName).toList()
                : List.of("output");
    }

    @Override
    public List<ConfigProblem> validate(VariableAggregatorConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!config.grouped() && config.variables().isEmpty()) {
            problems.add(new ConfigProblem("variables", "add at least one variable to aggregate"));
        }
        if (config.grouped()) {
            List<VariableAggregatorConfig.Group> groups = config.advancedSettings().groups();
            for (int i = 0; i < groups.size(); i++) {
                String name = groups.get(i).groupName();
                if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add(new ConfigProblem("advanced_settings.groups[" + i + "].group_name", "'" + name + "' is not a valid group name"));
                }
            }
        }
        return problems;
    }
}
