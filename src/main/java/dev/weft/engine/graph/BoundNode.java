package dev.weft.engine.graph;

import dev.weft.app.definition.NodeDef;
import dev.weft.engine.node.NodeExecutor;
import java.util.List;

/**
 * A node of a definition being checked: its index in {@code graph.nodes}, its executor and its bound
 * config (both null when the type is unknown or the data does not bind) and its common settings.
 */
record BoundNode(int index, NodeDef node, NodeExecutor<Object> executor, Object config, NodeSettings settings) {

    String id() {
        return node.id();
    }

    String type() {
        return node.nodeType();
    }

    String path() {
        return "$.graph.nodes[" + index + "]";
    }

    String dataPath() {
        return path() + ".data";
    }

    boolean bound() {
        return executor != null && config != null;
    }

    /** The outputs the node declares, or null when unknown. Nodes with an error strategy also write error_message and error_type. */
    List<String> outputNames() {
        if (!bound()) {
            return null;
        }
        List<String> names;
        try {
            names = executor.outputNames(config);
        } catch (RuntimeException e) {
            return null;
        }
        if (names == null || settings == null || settings.errorStrategy() == null) {
            return names;
        }
        return java.util.stream.Stream.concat(names.stream(), java.util.stream.Stream.of("error_message", "error_type")).toList();
    }
}
