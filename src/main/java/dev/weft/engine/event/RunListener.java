package dev.weft.engine.event;

/** Receives a run's events in order. Called from the run's threads; implementations must be quick and thread-safe. */
@FunctionalInterface
public interface RunListener {

    void onEvent(RunEvent event);

    static RunListener noop() {
        return e -> {};
    }

    default RunListener andThen(RunListener next) {
        return e -> {
            onEvent(e);
            next.onEvent(e);
        };
    }
}
