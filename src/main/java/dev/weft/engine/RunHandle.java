package dev.weft.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A run in progress: stop it, or wait for its result. */
public final class RunHandle {

    private final String runId;
    private final RunExecution execution;
    private final CompletableFuture<RunResult> result;

    RunHandle(String runId, RunExecution execution, CompletableFuture<RunResult> result) {
        this.runId = runId;
        this.execution = execution;
        this.result = result;
    }

    public String runId() {
        return runId;
    }

    /** Stops the run: running nodes are interrupted and the run ends with status {@code stopped}. */
    public void stop() {
        execution.stop();
    }

    public boolean isDone() {
        return result.isDone();
    }

    public CompletableFuture<RunResult> result() {
        return result;
    }

    /** Waits for the run to end. */
    public RunResult await() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while waiting for run " + runId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + runId + " crashed", e.getCause());
        }
    }

    public RunResult await(Duration timeout) throws TimeoutException {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for run " + runId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + runId + " crashed", e.getCause());
        }
    }
}
