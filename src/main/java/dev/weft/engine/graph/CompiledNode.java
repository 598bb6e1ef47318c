package dev.weft.engine.graph;

import dev.weft.app.definition.NodeDef;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;

/** A node ready to run: its definition, its executor, its bound config and its common settings. */
public record CompiledNode(NodeDef def, NodeExecutor<Object> executor, Object config, NodeSettings settings) {

    public String id() {
        return def.id();
    }

    public String type() {
        return executor.type();
    }

    public String title() {
        return def.title();
    }

    public NodeKind kind() {
        return executor.kind();
    }

    /** Whether this node may leave some of its outgoing edges untaken. */
    public boolean choosesBranch() {
        return kind() == NodeKind.BRANCH || settings.failBranch();
    }

    public NodeResult execute(NodeContext context) throws Exception {
        return executor.execute(config, context);
    }
}
