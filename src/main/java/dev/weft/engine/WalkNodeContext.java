package dev.weft.engine;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.graph.CompiledNode;
import dev.weft.engine.node.ChatTurn;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.variable.VariablePool;
import dev.weft.engine.variable.VariableTemplate;
import java.util.List;
import java.util.concurrent.CancellationException;

/** The {@link NodeContext} of one node execution inside a {@link GraphWalk}. */
final class WalkNodeContext implements NodeContext {

    private final GraphWalk walk;
    private final CompiledNode node;

    WalkNodeContext(GraphWalk walk, CompiledNode node) {
        this.walk = walk;
        this.node = node;
    }

    @Override
    public String runId() {
        return walk.run().request().runId();
    }

    @Override
    public String appId() {
        return walk.run().request().appId();
    }

    @Override
    public String apiKeyId() {
        return walk.run().request().apiKeyId();
    }

    @Override
    public String startedByRole() {
        return walk.run().request().startedByRole();
    }

    @Override
    public AppMode mode() {
        return walk.run().request().mode();
    }

    @Override
    public String nodeId() {
        return node.id();
    }

    @Override
    public String title() {
        return node.title();
    }

    @Override
    public VariablePool pool() {
        return walk.pool();
    }

    @Override
    public String render(String template) {
        return VariableTemplate.render(template, walk.pool());
    }

    @Override
    public List<ChatTurn> history() {
        return walk.run().request().history();
    }

    @Override
    public void streamChunk(String variable, String delta) {
        if (walk.streamer() != null && delta != null && !delta.isEmpty()) {
            walk.streamer().chunk(node.id(), variable, delta);
        }
    }

    @Override
    public void emit(RunEvent event) {
        walk.emit(event);
    }

    @Override
    public boolean isCancelled() {
        return walk.aborted() || Thread.currentThread().isInterrupted();
    }

    @Override
    public void checkCancelled() {
        if (walk.aborted()) {
            throw new CancellationException(walk.run().isCancelled() ? walk.run().cancellation().reason() : "stopped");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("interrupted");
        }
    }

    @Override
    public void runContainerBody(VariablePool itemPool, int index) {
        CompiledGraph body = walk.graph().body(node.id());
        if (body == null) {
            throw new IllegalStateException("node '" + node.id() + "' has no body to run");
        }
        GraphWalk.Outcome outcome = new GraphWalk(walk.run(), body, itemPool, node.id(), index, null).walk();
        checkCancelled();
        if (outcome.failed()) {
            throw new NodeExecutionException("IterationItemFailed", "item " + index + ": " + outcome.error());
        }
    }
}
