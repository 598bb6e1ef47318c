package dev.weft.engine.node.end;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Collects a workflow's results; the outputs of every End node that ran are merged into the run's outputs. */
@Component
public class EndNode implements NodeExecutor<EndConfig> {

    @Override
    public String type() {
        return "end";
    }

    @Override
    public Class<EndConfig> configType() {
        return EndConfig.class;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.RESPONSE;
    }

    @Override
    public List<Selector> inputSelectors(EndConfig config) {
        return config.outputs().stream()
                .map(EndConfig.Output::valueSelector)
                .filter(Objects::nonNull)
                .filter(s -> s.size() >= 2)
                .map(Selector::new)
                .toList();
    }

    @Override
    public List<String> outputNames(EndConfig config) {
        return config.outputs().stream().map(EndConfig.Output::variable).toList();
    }

    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public NodeResult execute(EndConfig config, NodeContext context) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (EndConfig.Output output : config.outputs()) {
            outputs.put(output.variable(), context.resolve(output.valueSelector()).orElse(null));
        }
        return NodeResult.of(outputs, outputs);
    }
}
