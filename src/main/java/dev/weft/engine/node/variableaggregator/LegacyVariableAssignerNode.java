package dev.weft.engine.node.variableaggregator;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code variable-assigner}: the old name of the variable aggregator in Dify graphs; behaves the same. */
@Component
public class LegacyVariableAssignerNode implements NodeExecutor<VariableAggregatorConfig> {

    private final VariableAggregatorNode aggregator = new VariableAggregatorNode();

    @Override
    public String type() {
        return "variable-assigner";
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
        return aggregator.execute(config, ctx);
    }

    @Override
    public List<Selector> inputSelectors(VariableAggregatorConfig config) {
        return aggregator.inputSelectors(config);
    }

    @Override
    public List<String> outputNames(VariableAggregatorConfig config) {
        return aggregator.outputNames(config);
    }

    @Override
    public List<ConfigProblem> validate(VariableAggregatorConfig config) {
        return aggregator.validate(config);
    }
}
