package dev.weft.api.service;

import dev.weft.app.definition.AppMode;
import dev.weft.run.AppRunService.StartedRun;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Streaming and async Service API runs of this process, by task id and by run id: who started them (stop
 * and re-attach check the end user) and their {@link RunStream}. A run's events stay here
 * {@link #KEEP_AFTER_END} after it ends, for clients that re-attach late.
 */
@Component
class ServiceRunRegistry {

    static final Duration KEEP_AFTER_END = Duration.ofMinutes(10);

    /** One registered run. {@code endedAtNanos} is 0 while it runs. */
    static final class Entry {
        final String appId;
        final String user;
        final String taskId;
        final String runId;
        final AppMode mode;
        final RunStream stream;
        final StartedRun started;
        volatile long endedAtNanos;

        Entry(String appId, String user, String taskId, String runId, AppMode mode, RunStream stream, StartedRun started) {
            this.appId = appId;
            this.user = user;
            this.taskId = taskId;
            this.runId = runId;
            this.mode = mode;
            this.stream = stream;
            this.started = started;
        }
    }

    private final Map<String, Entry> byTask = new ConcurrentHashMap<>();
    private final Map<String, Entry> byRun = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "service-run-sweeper");
        t.setDaemon(true);
        return t;
    });

    ServiceRunRegistry() {
        sweeper.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    void register(Entry entry) {
        byTask.put(entry.taskId, entry);
        byRun.put(entry.runId, entry);
    }

    void ended(Entry entry) {
        entry.endedAtNanos = System.nanoTime();
    }

    Optional<Entry> byTask(String appId, String taskId) {
        return Optional.ofNullable(taskId == null ? null : byTask.get(taskId)).filter(e -> e.appId.equals(appId));
    }

    Optional<Entry> byRun(String appId, String runId) {
        return Optional.ofNullable(runId == null ? null : byRun.get(runId)).filter(e -> e.appId.equals(appId));
    }

    void sweep() {
        long now = System.nanoTime();
        byRun.values().removeIf(e -> e.endedAtNanos != 0 && now - e.endedAtNanos > KEEP_AFTER_END.toNanos());
        byTask.values().removeIf(e -> e.endedAtNanos != 0 && now - e.endedAtNanos > KEEP_AFTER_END.toNanos());
    }

    @PreDestroy
    void stop() {
        sweeper.shutdownNow();
    }
}
