package dev.weft.engine.node;

import dev.weft.engine.event.TokenUsageSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a node produced: its outputs (written to the pool under the node id), the inputs and process data
 * it wants shown in the trace, the branch handle it chose (branch nodes only) and the tokens it spent.
 */
public record NodeResult(
        Map<String, Object> inputs,
        Map<String, Object> processData,
        Map<String, Object> outputs,
        String branchHandle,
        TokenUsageSummary usage) {

    public NodeResult {
        inputs = inputs == null ? Map.of() : inputs;
        processData = processData == null ? Map.of() : processData;
        outputs = outputs == null ? Map.of() : outputs;
        usage = usage == null ? TokenUsageSummary.NONE : usage;
    }

    public static NodeResult of(Map<String, Object> outputs) {
        return new NodeResult(null, null, outputs, null, null);
    }

    public static NodeResult of(Map<String, Object> inputs, Map<String, Object> outputs) {
        return new NodeResult(inputs, null, outputs, null, null);
    }

    public static NodeResult branch(String handle, Map<String, Object> inputs) {
        return new NodeResult(inputs, null, null, handle, null);
    }

    public NodeResult withUsage(TokenUsageSummary tokens) {
        return new NodeResult(inputs, processData, outputs, branchHandle, tokens);
    }

    public NodeResult withProcessData(Map<String, Object> data) {
        return new NodeResult(inputs, data, outputs, branchHandle, usage);
    }

    public NodeResult withBranch(String handle) {
        return new NodeResult(inputs, processData, outputs, handle, usage);
    }

    /** Builds an ordered map from alternating keys and values; values may be null. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
