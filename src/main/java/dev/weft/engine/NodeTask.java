package dev.weft.engine;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.engine.graph.CompiledNode;
import dev.weft.engine.graph.NodeSettings;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.NodeStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * One execution of one node, on its own virtual thread: retries, time limit and error strategy around the
 * executor, and the node_started / node_retry / node_finished events.
 */
final class NodeTask {

    final CompiledNode node;
    private final GraphWalk walk;
    private final int index;
    private final String predecessor;
    private final long timeoutNanos;
    private final String executionId = UUID.randomUUID().toString();
    private volatile long deadlineNanos;
    private volatile Thread thread;
    private volatile boolean timedOut;
    private NodeStatus status = NodeStatus.FAILED;
    private String error;
    private String chosenHandle;

    NodeTask(GraphWalk walk, CompiledNode node, int index, String predecessor, long timeoutNanos) {
        this.walk = walk;
        this.node = node;
        this.index = index;
        this.predecessor = predecessor;
        this.timeoutNanos = timeoutNanos;
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    NodeStatus status() {
        return status;
    }

    String error() {
        return error;
    }

    String chosenHandle() {
        return chosenHandle;
    }

    void timeOut() {
        timedOut = true;
        interrupt();
    }

    void interrupt() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    void execute() {
        thread = Thread.currentThread();
        RunExecution run = walk.run();
        run.enterNode(thread);
        long created = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        walk.emit(new RunEvent.NodeStarted(run.request().runId(), executionId, node.id(), node.type(), node.title(),
                index, predecessor, walk.iterationId(), walk.iterationIndex(), created));
        WalkNodeContext context = new WalkNodeContext(walk, node);
        NodeResult result = null;
        Throwable failure = null;
        try {
            int maxRetries = node.settings().maxRetries();
            for (int attempt = 0; ; attempt++) {
                deadlineNanos = System.nanoTime() + timeoutNanos;
                timedOut = false;
                try {
                    context.checkCancelled();
                    result = node.execute(context);
                    failure = null;
                    break;
                } catch (Throwable t) {
                    failure = t;
                    if (!walk.aborted()) {
                        Thread.interrupted(); // a timed-out attempt leaves the flag set; the next attempt starts clean
                    }
                    if (walk.aborted() || attempt >= maxRetries) {
                        break;
                    }
                    walk.emit(new RunEvent.NodeRetry(run.request().runId(), executionId, node.id(), node.type(),
                            node.title(), attempt + 1, describe(t)));
                    if (!sleep(node.settings().retryInterval().toMillis())) {
                        break;
                    }
                }
            }
        } finally {
            run.leaveNode(thread);
            Thread.interrupted();
        }
        Map<String, Object> outputs;
        TokenUsageSummary usage = result == null ? TokenUsageSummary.NONE : result.usage();
        if (failure == null) {
            status = NodeStatus.SUCCEEDED;
            outputs = result.outputs();
            chosenHandle = result.branchHandle();
        } else if (walk.aborted()) {
            status = NodeStatus.STOPPED;
            error = run.isCancelled() ? run.cancellation().reason() : "stopped because another node failed";
            outputs = Map.of();
        } else {
            error = describe(failure);
            outputs = handledFailureOutputs(failure);
            if (outputs != null) {
                status = NodeStatus.EXCEPTION;
                run.countException();
            } else {
                status = NodeStatus.FAILED;
                outputs = Map.of();
            }
        }
        if (status == NodeStatus.SUCCEEDED || status == NodeStatus.EXCEPTION) {
            walk.pool().putAll(node.id(), outputs);
            if (walk.streamer() != null) {
                walk.streamer().nodeFinished(node.id());
            }
        }
        run.addTokens(usage.totalTokens());
        walk.emit(new RunEvent.NodeFinished(run.request().runId(), executionId, node.id(), node.type(), node.title(),
                index, walk.iterationId(), walk.iterationIndex(), status,
                result == null ? Map.of() : result.inputs(),
                result == null ? Map.of() : result.processData(),
                outputs, error, (System.nanoTime() - startNanos) / 1_000_000, usage, created, System.currentTimeMillis()));
    }

    /** The outputs under the node's error strategy, or null when the failure is not handled. */
    private Map<String, Object> handledFailureOutputs(Throwable failure) {
        NodeSettings settings = node.settings();
        if (!settings.failBranch() && !settings.defaultValueOnError()) {
            return null;
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (settings.defaultValueOnError()) {
            for (NodeSettings.DefaultValue d : settings.defaultValue()) {
                outputs.put(d.key(), d.value());
            }
        }
        outputs.put("error_message", describe(failure));
        outputs.put("error_type", failure instanceof NodeExecutionException n ? n.type() : failure.getClass().getSimpleName());
        return outputs;
    }

    private String describe(Throwable t) {
        if (timedOut) {
            return "the node timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) / 1000.0 + " s";
        }
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            RunExecution run = walk.run();
            return run.isCancelled() ? run.cancellation().reason() : "interrupted";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return !walk.aborted();
        } catch (InterruptedException e) {
            return false;
        }
    }
}
