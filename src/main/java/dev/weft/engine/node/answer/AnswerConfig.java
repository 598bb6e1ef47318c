package dev.weft.engine.node.answer;

import dev.weft.engine.node.StreamingResponse;
import dev.weft.engine.variable.VariableTemplate;
import java.util.List;

/** The Answer node of a chat app: a template whose text is streamed to the user as its variables arrive. */
public record AnswerConfig(String answer) implements StreamingResponse {

    public AnswerConfig {
        answer = answer == null ? "" : answer;
    }

    @Override
    public List<VariableTemplate.Segment> streamSegments() {
        return VariableTemplate.parse(answer).segments();
    }

    @Override
    public boolean streamsOnlyChunks() {
        return false;
    }
}
