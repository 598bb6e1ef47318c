package dev.weft.model.gateway;

import dev.weft.model.gateway.GatewayPolicy.CircuitBreakerPolicy;
import java.util.function.LongSupplier;

/**
 * The breaker of one upstream. Closed: calls pass and their outcomes fill a ring of the last {@code window}
 * calls; when at least {@code minCalls} are in it and the failed share reaches {@code failureRate}, it opens.
 * Open: calls are rejected until {@code coolDown} has passed, then it is half-open: one trial call passes
 * (others are rejected while it runs); its success closes the breaker with an empty ring, its failure opens it
 * again for another cool-down. Every {@link #tryAcquire} that returns true must be followed by exactly one of
 * {@link #onSuccess}, {@link #onFailure} or {@link #onIgnored}. Thread-safe.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final LongSupplier nanoClock;
    private State state = State.CLOSED;
    private boolean[] ring = new boolean[0];
    private int next;
    private int size;
    private int failures;
    private long openedAt;
    private boolean trialRunning;

    public CircuitBreaker(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Whether a call may go to the upstream now. */
    public synchronized boolean tryAcquire(CircuitBreakerPolicy policy) {
        switch (state) {
            case CLOSED -> {
                return true;
            }
            case OPEN -> {
                if (nanoClock.getAsLong() - openedAt < policy.coolDown().toNanos()) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialRunning = true;
                return true;
            }
            default -> {
                if (trialRunning) {
                    return false;
                }
                trialRunning = true;
                return true;
            }
        }
    }

    public synchronized void onSuccess(CircuitBreakerPolicy policy) {
        if (state == State.HALF_OPEN) {
            state = State.CLOSED;
            trialRunning = false;
            reset(policy);
            return;
        }
        if (state == State.OPEN) {
            return;
        }
        record(policy, false);
        openIfOverTheRate(policy);
    }

    public synchronized void onFailure(CircuitBreakerPolicy policy) {
        if (state == State.HALF_OPEN) {
            trialRunning = false;
            open();
            return;
        }
        if (state == State.OPEN) {
            return;
        }
        record(policy, true);
        openIfOverTheRate(policy);
    }

    private void openIfOverTheRate(CircuitBreakerPolicy policy) {
        if (size >= policy.minCalls() && failures > 0 && failures >= Math.ceil(policy.failureRate() * size - 1e-9)) {
            open();
        }
    }

    /** The acquired call ended without telling anything about the upstream's health (stopped, misconfigured). */
    public synchronized void onIgnored() {
        if (state == State.HALF_OPEN) {
            trialRunning = false;
        }
    }

    public synchronized State state(CircuitBreakerPolicy policy) {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= policy.coolDown().toNanos()) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How long an open breaker still rejects calls, in milliseconds (0 when it lets calls through). */
    public synchronized long remainingOpenMillis(CircuitBreakerPolicy policy) {
        if (state != State.OPEN) {
            return 0;
        }
        return Math.max(0, (policy.coolDown().toNanos() - (nanoClock.getAsLong() - openedAt)) / 1_000_000);
    }

    private void open() {
        state = State.OPEN;
        openedAt = nanoClock.getAsLong();
        ring = new boolean[0];
        size = 0;
        next = 0;
        failures = 0;
    }

    private void reset(CircuitBreakerPolicy policy) {
        ring = new boolean[policy.window()];
        size = 0;
        next = 0;
        failures = 0;
    }

    private void record(CircuitBreakerPolicy policy, boolean failed) {
        if (ring.length != policy.window()) {
            reset(policy);
        }
        if (size == ring.length) {
            if (ring[next]) {
                failures--;
            }
        } else {
            size++;
        }
        ring[next] = failed;
        if (failed) {
            failures++;
        }
        next = (next + 1) % ring.length;
    }
}
