package dev.weft.engine;

import dev.weft.app.definition.EdgeDef;
import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.graph.CompiledNode;
import dev.weft.engine.graph.NodeSettings;
import dev.weft.engine.variable.VariablePool;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Walks one level of a graph (the top level, or one iteration item's body) to the end. Ready nodes run
 * concurrently on the run's virtual threads; this walk's own thread alone updates edge states, decides
 * which nodes become ready or skipped, and enforces node and run time limits.
 *
 * <p>Edges are {@code unknown}, {@code taken} or {@code skipped}. A branch node takes only the edges of its
 * chosen handle; a node whose incoming edges are all resolved runs if one was taken and is skipped
 * otherwise, which skips its outgoing edges in turn.
 */
final class GraphWalk {

    private enum EdgeState { UNKNOWN, TAKEN, SKIPPED }

    /** How the walk ended: {@code error} is set when a node failed and nothing handled it. */
    record Outcome(String error, String failedNodeId) {
        boolean failed() {
            return error != null;
        }
    }

    private final RunExecution run;
    private final CompiledGraph graph;
    private final VariablePool pool;
    private final String iterationId;
    private final Integer iterationIndex;
    private final ResponseStreamer streamer;
    private final EdgeState[] edges;
    private final Set<String> finished = new HashSet<>();
    private final Set<String> skipped = new HashSet<>();
    private final Map<String, NodeTask> running = new LinkedHashMap<>();
    private final BlockingQueue<NodeTask> completions = new LinkedBlockingQueue<>();
    private volatile boolean aborted;
    private Outcome outcome = new Outcome(null, null);

    GraphWalk(RunExecution run, CompiledGraph graph, VariablePool pool, String iterationId, Integer iterationIndex,
            ResponseStreamer streamer) {
        this.run = run;
        this.graph = graph;
        this.pool = pool;
        this.iterationId = iterationId;
        this.iterationIndex = iterationIndex;
        this.streamer = streamer;
        this.edges = new EdgeState[graph.edges().size()];
        java.util.Arrays.fill(edges, EdgeState.UNKNOWN);
    }

    Outcome walk() {
        refreshStreaming();
        submit(graph.node(graph.rootId()), null);
        while (!running.isEmpty()) {
            NodeTask done = nextCompletion();
            if (done != null) {
                running.remove(done.node.id());
                handle(done);
            }
        }
        return outcome;
    }

    boolean aborted() {
        return aborted || run.isCancelled();
    }

    RunExecution run() {
        return run;
    }

    VariablePool pool() {
        return pool;
    }

    CompiledGraph graph() {
        return graph;
    }

    String iterationId() {
        return iterationId;
    }

    Integer iterationIndex() {
        return iterationIndex;
    }

    ResponseStreamer streamer() {
        return streamer;
    }

    private void submit(CompiledNode node, String predecessor) {
        if (aborted()) {
            return;
        }
        int index = run.nextStep();
        if (run.isCancelled()) {
            return;
        }
        NodeTask task = new NodeTask(this, node, index, predecessor, nodeTimeoutNanos(node));
        running.put(node.id(), task);
        Runnable execution = () -> {
            try {
                task.execute();
            } finally {
                completions.add(task);
            }
        };
        if (node.executor().runsInline() && node.settings().maxRetries() == 0) {
            // a node that only computes from the pool: no thread of its own, the walk picks up its completion next
            execution.run();
        } else {
            run.workers().execute(execution);
        }
    }

    private long nodeTimeoutNanos(CompiledNode node) {
        Double seconds = node.settings().timeoutSeconds();
        return seconds != null && seconds > 0
                ? (long) (seconds * 1_000_000_000L)
                : run.properties().nodeTimeout().toNanos();
    }

    /** Waits for the next node to finish, timing out nodes and the run on the way. */
    private NodeTask nextCompletion() {
        Thread me = Thread.currentThread();
        run.enterWait(me);
        try {
            long now = System.nanoTime();
            long wait = Math.min(run.nanosLeft(), TimeUnit.MILLISECONDS.toNanos(250));
            for (NodeTask task : running.values()) {
                wait = Math.min(wait, task.deadlineNanos() - now);
            }
            NodeTask done = completions.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
            if (done == null) {
                enforceLimits();
            }
            return done;
        } catch (InterruptedException e) {
            // a stop or a time limit woke us; the running nodes were interrupted and will report back
            return null;
        } finally {
            run.leaveWait(me);
            Thread.interrupted();
        }
    }

    private void enforceLimits() {
        if (run.nanosLeft() <= 0) {
            run.cancel(RunStatus.FAILED, "the run exceeded its time limit of "
                    + (run.request().timeout() != null ? run.request().timeout() : run.properties().runTimeout()).toSeconds() + " s");
        }
        long now = System.nanoTime();
        for (NodeTask task : running.values()) {
            if (task.deadlineNanos() - now <= 0) {
                task.timeOut();
            }
        }
    }

    private void handle(NodeTask task) {
        CompiledNode node = task.node;
        switch (task.status()) {
            case SUCCEEDED, EXCEPTION -> {
                finished.add(node.id());
                resolveOutgoing(node, task.chosenHandle(), task.status() == dev.weft.engine.node.NodeStatus.EXCEPTION);
            }
            case FAILED -> {
                if (!outcome.failed()) {
                    outcome = new Outcome("node '" + node.title() + "' failed: " + task.error(), node.id());
                }
                abort();
            }
            default -> abort();
        }
        refreshStreaming();
    }

    /** Interrupts what still runs in this walk; the run goes on only if the caller (an iteration) allows it. */
    private void abort() {
        aborted = true;
        running.values().forEach(NodeTask::interrupt);
    }

    private void resolveOutgoing(CompiledNode node, String chosenHandle, boolean handledFailure) {
        boolean failBranch = node.settings().failBranch();
        Deque<String> toCheck = new ArrayDeque<>();
        for (int i : graph.outgoing(node.id())) {
            String handle = graph.edges().get(i).handle();
            boolean take;
            if (handledFailure && failBranch) {
                take = NodeSettings.FAIL_BRANCH.equals(handle);
            } else if (chosenHandle != null) {
                take = chosenHandle.equals(handle);
            } else {
                take = !NodeSettings.FAIL_BRANCH.equals(handle);
            }
            edges[i] = take ? EdgeState.TAKEN : EdgeState.SKIPPED;
            toCheck.add(graph.edges().get(i).target());
        }
        settle(toCheck);
    }

    /** Runs or skips each node whose incoming edges are now all resolved; skips cascade. */
    private void settle(Deque<String> toCheck) {
        while (!toCheck.isEmpty()) {
            String id = toCheck.poll();
            if (finished.contains(id) || skipped.contains(id) || running.containsKey(id)) {
                continue;
            }
            String predecessor = null;
            boolean allResolved = true;
            for (int i : graph.incoming(id)) {
                if (edges[i] == EdgeState.UNKNOWN) {
                    allResolved = false;
                    break;
                }
                if (edges[i] == EdgeState.TAKEN && predecessor == null) {
                    predecessor = graph.edges().get(i).source();
                }
            }
            if (!allResolved) {
                continue;
            }
            if (predecessor != null) {
                submit(graph.node(id), predecessor);
            } else {
                skipped.add(id);
                if (streamer != null) {
                    streamer.nodeSkipped(id);
                }
                for (int i : graph.outgoing(id)) {
                    edges[i] = EdgeState.SKIPPED;
                    toCheck.add(graph.edges().get(i).target());
                }
            }
        }
    }

    private void refreshStreaming() {
        if (streamer != null) {
            streamer.refresh(new ResponseStreamer.WalkView() {
                @Override
                public boolean settled(String nodeId) {
                    return finished.contains(nodeId) || skipped.contains(nodeId);
                }

                @Override
                public boolean reachable(String nodeId) {
                    return GraphWalk.this.reachable(nodeId);
                }
            });
        }
    }

    /** Whether a node can still run: a path of edges not skipped leads to it from the root. */
    private boolean reachable(String nodeId) {
        if (skipped.contains(nodeId)) {
            return false;
        }
        Deque<String> stack = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        stack.push(nodeId);
        while (!stack.isEmpty()) {
            String current = stack.pop();
            if (current.equals(graph.rootId())) {
                return true;
            }
            for (int i : graph.incoming(current)) {
                EdgeDef edge = graph.edges().get(i);
                if (edges[i] != EdgeState.SKIPPED && !skipped.contains(edge.source()) && seen.add(edge.source())) {
                    stack.push(edge.source());
                }
            }
        }
        return false;
    }

    /** End outputs of this level, merged in graph order (workflow results). */
    Map<String, Object> endOutputs() {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (CompiledNode node : graph.nodes().values()) {
            if ("end".equals(node.type()) && finished.contains(node.id())) {
                outputs.putAll(pool.outputsOf(node.id()));
            }
        }
        return outputs;
    }

    void emit(RunEvent event) {
        run.emit(event);
    }
}
