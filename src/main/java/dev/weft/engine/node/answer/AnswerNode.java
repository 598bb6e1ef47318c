package dev.weft.engine.node.answer;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.VariableTemplate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Renders the answer text; the engine has already streamed it piece by piece (see ResponseStreamer). */
@Component
public class AnswerNode implements NodeExecutor<AnswerConfig> {

    @Override
    public String type() {
        return "answer";
    }

    @Override
    public Class<AnswerConfig> configType() {
        return AnswerConfig.class;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.RESPONSE;
    }

    @Override
    public List<Selector> inputSelectors(AnswerConfig config) {
        return VariableTemplate.references(config.answer());
    }

    @Override
    public List<String> outputNames(AnswerConfig config) {
        return List.of("answer");
    }

    @Override
    public boolean runsInline() {
        return true;
    }

    @Override
    public NodeResult execute(AnswerConfig config, NodeContext context) {
        return NodeResult.of(Map.of("answer", context.render(config.answer())));
    }
}
