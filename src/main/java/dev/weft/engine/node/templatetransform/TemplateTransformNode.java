package dev.weft.engine.node.templatetransform;

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

/** {@code template-transform}: renders a Jinja2 template over the chosen variables into {@code output}. */
@Component
public class TemplateTransformNode implements NodeExecutor<TemplateTransformConfig> {

    private final JinjaRenderer renderer;

    public TemplateTransformNode(JinjaRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public String type() {
        return "template-transform";
    }

    @Override
    public Class<TemplateTransformConfig> configType() {
        return TemplateTransformConfig.class;
    }

    @Override
    public NodeResult execute(TemplateTransformConfig config, NodeContext ctx) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (TemplateTransformConfig.Variable v : config.variables()) {
            if (v.variable() != null && !v.variable().isBlank()) {
                variables.put(v.variable(), ctx.resolve(v.valueSelector()).orElse(null));
            }
        }
        String output;
        try {
            output = renderer.render(config.template(), variables);
        } catch (IllegalArgumentException e) {
            throw new NodeExecutionException("TemplateTransformError", e.getMessage(), e);
        }
        return NodeResult.of(variables, Map.of("output", output));
    }

    @Override
    public List<Selector> inputSelectors(TemplateTransformConfig config) {
        List<Selector> selectors = new ArrayList<>();
        for (TemplateTransformConfig.Variable v : config.variables()) {
            if (v.valueSelector() != null && v.valueSelector().size() >= 2) {
                selectors.add(new Selector(v.valueSelector()));
            }
        }
        return selectors;
    }

    @Override
    public List<String> outputNames(TemplateTransformConfig config) {
        return List.of("output");
    }

    @Override
    public List<ConfigProblem> validate(TemplateTransformConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.variables().size(); i++) {
            TemplateTransformConfig.Variable v = config.variables().get(i);
            if (v.variable() == null || !v.variable().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add(new ConfigProblem("variables[" + i + "].variable", "'" + v.variable() + "' is not a valid variable name"));
            }
            if (v.valueSelector() == null || v.valueSelector().size() < 2) {
                problems.add(new ConfigProblem("variables[" + i + "].value_selector", "choose the variable '" + v.variable() + "' reads"));
            }
        }
        return problems;
    }
}
