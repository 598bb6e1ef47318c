package dev.weft.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The runs in progress in this process, by task id, so that a stop request can reach them. */
@Component
public class RunRegistry {

    private final Map<String, RunHandle> running = new ConcurrentHashMap<>();

    public void register(String taskId, RunHandle handle) {
        running.put(taskId, handle);
        handle.result().whenComplete((r, e) -> running.remove(taskId, handle));
    }

    public Optional<RunHandle> find(String taskId) {
        return Optional.ofNullable(running.get(taskId));
    }

    /** Stops the run; false when no such run is in progress. */
    public boolean stop(String taskId) {
        RunHandle handle = running.get(taskId);
        if (handle == null) {
            return false;
        }
        handle.stop();
        return true;
    }

    public int size() {
        return running.size();
    }
}
