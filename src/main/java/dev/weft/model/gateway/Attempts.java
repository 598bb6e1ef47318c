package dev.weft.model.gateway;

import dev.weft.model.ChatModel;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one attempt of a model call on its own virtual thread and waits for it at most its timeout (and, when
 * streaming, at most the first-token timeout for the first token). A late attempt is abandoned: its thread is
 * interrupted (the clients drop the connection) and tokens it still produces never reach the caller, so the
 * caller knows exactly whether any token reached it. {@link #inFlight()} counts attempt threads still running.
 */
final class Attempts implements AutoCloseable {

    /** How an attempt ended: a response, or a failure; {@code streamed} whether any token reached the caller. */
    record Outcome(ChatResponse response, ModelException failure, boolean streamed) {}

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("weft-gateway-", 0).factory());
    private final AtomicInteger inFlight = new AtomicInteger();

    /** One caller's token gate: closed once the caller stops waiting for the attempt. */
    private static final class Gate implements Consumer<String> {
        private final Consumer<String> target;
        private boolean closed;
        private boolean streamed;

        Gate(Consumer<String> target) {
            this.target = target;
        }

        @Override
        public synchronized void accept(String delta) {
            if (closed) {
                throw new CancellationException("the gateway abandoned this attempt");
            }
            streamed = true;
            target.accept(delta);
        }

        synchronized boolean streamed() {
            return streamed;
        }

        /** Closes the gate when no token got through yet; true when it closed it. */
        synchronized boolean closeIfSilent() {
            if (!streamed) {
                closed = true;
            }
            return closed;
        }

        /** Closes the gate; true when a token got through before. */
        synchronized boolean close() {
            closed = true;
            return streamed;
        }
    }

    /**
     * Runs {@code model.chat(request, onToken)}. Throws {@link CancellationException} when the caller's thread is
     * interrupted, or the caller's token consumer threw it (the run was stopped).
     */
    Outcome run(ChatModel model, ChatRequest request, Consumer<String> onToken, long timeoutNanos, long firstTokenNanos,
            String target) {
        Gate gate = onToken == null ? null : new Gate(onToken);
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        FutureTask<ChatResponse> future = new FutureTask<>(() -> model.chat(request, gate));
        try {
            threads.execute(() -> {
                try {
                    future.run();
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        long end = start + timeoutNanos;
        long firstTokenEnd = gate == null ? end : start + Math.min(firstTokenNanos, timeoutNanos);
        try {
            while (true) {
                long until = gate != null && !gate.streamed() ? firstTokenEnd : end;
                try {
                    ChatResponse response = future.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return new Outcome(response, null, gate != null && gate.close());
                } catch (TimeoutException e) {
                    long now = System.nanoTime();
                    if (now - end >= 0) {
                        future.cancel(true);
                        boolean streamed = gate != null && gate.close();
                        return new Outcome(null, new ModelException(target + " did not finish within " + millis(timeoutNanos)
                                + " (gateway timeout)", 0), streamed);
                    }
                    if (gate != null && now - firstTokenEnd >= 0 && gate.closeIfSilent()) {
                        future.cancel(true);
                        return new Outcome(null, new ModelException(target + " sent no token within "
                                + millis(firstTokenNanos) + " (gateway first-token timeout)", 0), false);
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            if (gate != null) {
                gate.close();
            }
            Thread.currentThread().interrupt();
            throw new CancellationException("the call to " + target + " was interrupted");
        } catch (ExecutionException e) {
            boolean streamed = gate != null && gate.close();
            Throwable cause = e.getCause();
            if (cause instanceof CancellationException stopped) {
                throw stopped;
            }
            if (cause instanceof ModelException failure) {
                return new Outcome(null, failure, streamed);
            }
            return new Outcome(null, new ModelException("the call to " + target + " failed: " + cause, cause), streamed);
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    static String millis(long nanos) {
        long ms = nanos / 1_000_000;
        return ms >= 10_000 && ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
