package dev.weft.engine.node;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.variable.VariablePool;
import dev.weft.engine.variable.VariableTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/** A NodeContext for unit tests of one executor: a pool, recorded chunks and events, no engine. */
public class StubNodeContext implements NodeContext {

    public final VariablePool pool = new VariablePool();
    public final List<String> chunks = new ArrayList<>();
    public final List<RunEvent> events = new ArrayList<>();
    public final List<ChatTurn> history = new ArrayList<>();
    public AppMode mode = AppMode.WORKFLOW;
    public volatile boolean cancelled;
    private final String nodeId;

    public StubNodeContext(String nodeId) {
        this.nodeId = nodeId;
    }

    public StubNodeContext() {
        this("node");
    }

    @Override public String runId() { return "run-1"; }
    @Override public String appId() { return "app-1"; }
    @Override public AppMode mode() { return mode; }
    @Override public String nodeId() { return nodeId; }
    @Override public String title() { return nodeId; }
    @Override public VariablePool pool() { return pool; }
    @Override public String render(String template) { return VariableTemplate.render(template, pool); }
    @Override public List<ChatTurn> history() { return history; }
    @Override public synchronized void streamChunk(String variable, String delta) { chunks.add(delta); }
    @Override public synchronized void emit(RunEvent event) { events.add(event); }
    @Override public boolean isCancelled() { return cancelled; }

    @Override
    public void checkCancelled() {
        if (cancelled) {
            throw new CancellationException("stopped");
        }
    }

    @Override
    public void runContainerBody(VariablePool itemPool, int index) {
        throw new UnsupportedOperationException("no container bodies in a stub context");
    }
}
