package dev.weft.engine;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import dev.weft.engine.event.RunStatus;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The state one run shares across its graph walks (the top level and each iteration item): the request,
 * the listener, the worker threads, the step and token counters, and whether and why it was cancelled.
 */
final class RunExecution {

    private final RunRequest request;
    private final RunListener listener;
    private final ExecutorService workers;
    private final EngineProperties properties;
    private final long startedNanos = System.nanoTime();
    private final long deadlineNanos;
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicInteger exceptions = new AtomicInteger();
    private final AtomicReference<Cancellation> cancellation = new AtomicReference<>();
    private final Set<Thread> nodeThreads = ConcurrentHashMap.newKeySet();
    private final Set<Thread> waiters = ConcurrentHashMap.newKeySet();

    /** Why a run was cancelled: stopped by a user, or out of time or steps (which fail it). */
    record Cancellation(RunStatus status, String reason) {}

    RunExecution(RunRequest request, RunListener listener, ExecutorService workers, EngineProperties properties) {
        this.request = request;
        this.listener = listener;
        this.workers = workers;
        this.properties = properties;
        Duration limit = request.timeout() != null ? request.timeout() : properties.runTimeout();
        this.deadlineNanos = startedNanos + limit.toNanos();
    }

    RunRequest request() {
        return request;
    }

    EngineProperties properties() {
        return properties;
    }

    ExecutorService workers() {
        return workers;
    }

    /** Events reach the listener one at a time, in the order they were sent. */
    synchronized void emit(RunEvent event) {
        listener.onEvent(event);
    }

    int nextStep() {
        int step = steps.incrementAndGet();
        if (step > properties.maxSteps()) {
            cancel(RunStatus.FAILED, "the run exceeded " + properties.maxSteps() + " steps");
        }
        return step;
    }

    int steps() {
        return steps.get();
    }

    void addTokens(long count) {
        tokens.addAndGet(count);
    }

    long tokens() {
        return tokens.get();
    }

    void countException() {
        exceptions.incrementAndGet();
    }

    int exceptions() {
        return exceptions.get();
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    long nanosLeft() {
        return deadlineNanos - System.nanoTime();
    }

    void stop() {
        cancel(RunStatus.STOPPED, "stopped by the user");
    }

    /** The first cancellation wins; running nodes are interrupted and waiting walks woken. */
    void cancel(RunStatus status, String reason) {
        if (cancellation.compareAndSet(null, new Cancellation(status, reason))) {
            nodeThreads.forEach(Thread::interrupt);
            waiters.forEach(Thread::interrupt);
        }
    }

    boolean isCancelled() {
        return cancellation.get() != null;
    }

    Cancellation cancellation() {
        return cancellation.get();
    }

    void enterNode(Thread thread) {
        nodeThreads.add(thread);
        if (isCancelled()) {
            thread.interrupt();
        }
    }

    void leaveNode(Thread thread) {
        nodeThreads.remove(thread);
    }

    void enterWait(Thread thread) {
        waiters.add(thread);
    }

    void leaveWait(Thread thread) {
        waiters.remove(thread);
    }
}
