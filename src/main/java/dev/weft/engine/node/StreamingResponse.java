package dev.weft.engine.node;

import dev.weft.engine.variable.VariableTemplate;
import java.util.List;

/** Implemented by the configs of response nodes (Answer, End): what the engine streams for them. */
public interface StreamingResponse {

    /** The text in order: literal pieces and variable references. */
    List<VariableTemplate.Segment> streamSegments();

    /** True for End nodes: only text that its source streamed (an LLM's tokens) is sent as chunks. */
    boolean streamsOnlyChunks();
}
