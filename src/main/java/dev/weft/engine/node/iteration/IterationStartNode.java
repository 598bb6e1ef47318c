package dev.weft.engine.node.iteration;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code iteration-start}: the entry point inside an iteration; does nothing and outputs nothing. */
@Component
public class IterationStartNode implements NodeExecutor<IterationStartConfig> {

    @Override
    public String type() {
        return "iteration-start";
    }

    @Override
    public Class<IterationStartConfig> configType() {
        return IterationStartConfig.class;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.ROOT;
    }

    @Override
    public NodeResult execute(IterationStartConfig config, NodeContext ctx) {
        return NodeResult.of(Map.of());
    }

    @Override
    public List<String> outputNames(IterationStartConfig config) {
        return List.of();
    }
}
