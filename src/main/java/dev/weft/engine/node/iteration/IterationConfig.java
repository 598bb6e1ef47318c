package dev.weft.engine.node.iteration;

import java.util.List;

/**
 * The {@code data} of an {@code iteration} node: the list at {@code iterator_selector} is run item by item through
 * the nodes inside it (entered at {@code start_node_id}), collecting {@code output_selector} of each run.
 * {@code error_handle_mode} is {@code terminated} (default), {@code continue-on-error} (null output for a failed
 * item) or {@code remove-abnormal-output} (failed items dropped). {@code flatten_output} (default true) joins
 * list outputs into one list.
 */
public record IterationConfig(
        List<String> iteratorSelector,
        List<String> outputSelector,
        String startNodeId,
        boolean isParallel,
        Integer parallelNums,
        String errorHandleMode,
        Boolean flattenOutput) {

    public static final int DEFAULT_PARALLELISM = 10;
    public static final int MAX_PARALLELISM = 100;

    public static final String TERMINATED = "terminated";
    public static final String CONTINUE_ON_ERROR = "continue-on-error";
    public static final String REMOVE_ABNORMAL_OUTPUT = "remove-abnormal-output";

    public IterationConfig {
        parallelNums = parallelNums == null || parallelNums <= 0 ? DEFAULT_PARALLELISM : parallelNums;
        errorHandleMode = errorHandleMode == null || errorHandleMode.isBlank() ? TERMINATED : errorHandleMode;
        flattenOutput = flattenOutput == null || flattenOutput;
    }
}
