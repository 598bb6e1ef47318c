package dev.weft.ui.run;

import dev.weft.engine.event.RunEvent;
import java.util.Map;

/** One line of the run trace: a node's execution as last reported. */
record NodeTraceRow(
        String executionId,
        String nodeId,
        String title,
        String type,
        String status,
        long elapsedMillis,
        long tokens,
        String error,
        Map<String, Object> inputs,
        Map<String, Object> outputs) {

    static NodeTraceRow started(RunEvent.NodeStarted e) {
        return new NodeTraceRow(e.executionId(), e.nodeId(), title(e.title(), e.iterationIndex()), e.nodeType(),
                "running", 0, 0, null, Map.of(), Map.of());
    }

    static NodeTraceRow finished(RunEvent.NodeFinished e) {
        return new NodeTraceRow(e.executionId(), e.nodeId(), title(e.title(), e.iterationIndex()), e.nodeType(),
                e.status().value(), e.elapsedMillis(), e.usage().totalTokens(), e.error(), e.inputs(), e.outputs());
    }

    private static String title(String title, Integer iterationIndex) {
        return iterationIndex == null ? title : title + " #" + (iterationIndex + 1);
    }
}
