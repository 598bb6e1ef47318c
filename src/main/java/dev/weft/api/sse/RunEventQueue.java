package dev.weft.api.sse;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands a run's events from the engine's threads to the thread that writes the response. The engine
 * never waits for a slow client: events queue up here until the writer takes them.
 */
public final class RunEventQueue implements RunListener {

    private final BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(RunEvent event) {
        events.add(event);
    }

    /** The next event, or null when none arrives within {@code wait}. */
    public RunEvent poll(Duration wait) throws InterruptedException {
        return events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next event if one is waiting, else null. */
    public RunEvent poll() {
        return events.poll();
    }
}
