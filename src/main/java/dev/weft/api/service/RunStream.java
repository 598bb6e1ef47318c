package dev.weft.api.service;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import dev.weft.run.AppRunService.StartedRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Service API events of one run, kept in order so that any number of readers can follow them: the
 * client that started the run and, after a disconnect, one that re-attaches by run id and reads them again
 * from the start. The engine appends (events that arrive before {@link #attach} wait for it); readers wait
 * for the next event with {@link #next}. {@link #close} ends the stream once the run's records are saved.
 */
final class RunStream implements RunListener {

    /** What a reader gets: the next event, nothing yet (send a ping), or the end. */
    sealed interface Next {
        record Event(Map<String, Object> payload) implements Next {}

        record Silence() implements Next {}

        record End() implements Next {}
    }

    private static final Next SILENCE = new Next.Silence();
    private static final Next END = new Next.End();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Map<String, Object>> events = new ArrayList<>();
    private List<RunEvent> early = new ArrayList<>();
    private ServiceEventTranslator translator;
    private boolean closed;

    @Override
    public void onEvent(RunEvent event) {
        lock.lock();
        try {
            if (translator == null) {
                early.add(event);
            } else {
                append(translator.translate(event));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts translating, once the run's ids are known. */
    void attach(StartedRun run) {
        lock.lock();
        try {
            translator = new ServiceEventTranslator(run);
            for (RunEvent e : early) {
                append(translator.translate(e));
            }
            early = null;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the stream; when no closing event was sent, an {@code error} event saying why comes last. */
    void close(String crashMessage) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (translator != null && !translator.ended()) {
                append(List.of(translator.crashed(crashMessage == null ? "the run ended without reporting how" : crashMessage)));
            }
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** The event at {@code index}, waiting up to {@code waitMillis} for it. */
    Next next(int index, long waitMillis) throws InterruptedException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(waitMillis);
            while (index >= events.size() && !closed) {
                if (left <= 0) {
                    return SILENCE;
                }
                left = changed.awaitNanos(left);
            }
            return index < events.size() ? new Next.Event(events.get(index)) : END;
        } finally {
            lock.unlock();
        }
    }

    private void append(List<Map<String, Object>> translated) {
        if (!translated.isEmpty()) {
            events.addAll(translated);
            changed.signalAll();
        }
    }
}
