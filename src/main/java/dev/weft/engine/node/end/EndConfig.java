package dev.weft.engine.node.end;

import dev.weft.engine.node.StreamingResponse;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.VariableTemplate;
import java.util.List;

/** The End ("Output") node of a workflow: each output names a variable to return. */
public record EndConfig(List<Output> outputs) implements StreamingResponse {

    public EndConfig {
        outputs = outputs == null ? List.of() : outputs;
    }

    public record Output(String variable, List<String> valueSelector, String valueType) {}

    @Override
    public List<VariableTemplate.Segment> streamSegments() {
        return outputs.stream()
                .filter(o -> o.valueSelector() != null && o.valueSelector().size() >= 2)
                .map(o -> (VariableTemplate.Segment) new VariableTemplate.Reference(new Selector(o.valueSelector())))
                .toList();
    }

    @Override
    public boolean streamsOnlyChunks() {
        return true;
    }
}
