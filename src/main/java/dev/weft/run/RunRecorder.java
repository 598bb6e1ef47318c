package dev.weft.run;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes runs to the database as they happen: {@code WorkflowStarted} inserts the {@code workflow_run} row,
 * each {@code NodeFinished} inserts a {@code node_run} row, {@code WorkflowFinished} completes the run row.
 * The writes go through the {@link RunRecordWriter}, which commits the writes of many runs together off the
 * run's thread ({@link RunRecordWriter#barrier()} waits for them); a failed write is logged and never stops the run.
 */
@Component
public class RunRecorder {

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    private final RunRecordWriter writer;

    public RunRecorder(RunRecordWriter writer) {
        this.writer = writer;
    }

    /** A thread-safe listener that records one run started from {@code origin}. */
    public RunListener listener(RunOrigin origin) {
        if (origin == null) {
            throw new IllegalArgumentException("the run origin is required");
        }
        return new Recording(origin);
    }

    private final class Recording implements RunListener {

        private final RunOrigin origin;
        private final Map<String, String> predecessors = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicReference<java.math.BigDecimal> price =
                new java.util.concurrent.atomic.AtomicReference<>(java.math.BigDecimal.ZERO);
        /** The run's row, inserted when the run finishes or once it has run for {@link RunRecordWriter#HOLD}. */
        private volatile RunRecordWriter.HeldRow run;
        private volatile String runId;
        private volatile WorkflowRun started;

        Recording(RunOrigin origin) {
            this.origin = origin;
        }

        @Override
        public void onEvent(RunEvent event) {
            try {
                switch (event) {
                    case RunEvent.WorkflowStarted e -> {
                        started = new WorkflowRun(e.runId(), origin, e.inputs(), Instant.ofEpochMilli(e.createdAt()));
                        runId = e.runId();
                        run = writer.hold(RunRecordWriter.Phase.INSERT_RUN, "run " + e.runId(), started);
                    }
                    case RunEvent.NodeStarted e -> {
                        if (e.predecessorNodeId() != null) {
                            predecessors.put(e.executionId(), e.predecessorNodeId());
                        }
                    }
                    case RunEvent.NodeFinished e -> {
                        if (e.usage() != null && e.usage().totalPrice().signum() != 0) {
                            price.accumulateAndGet(e.usage().totalPrice(), java.math.BigDecimal::add);
                        }
                        NodeRun nodeRun = new NodeRun(e, predecessors.remove(e.executionId()));
                        RunRecordWriter.HeldRow held = run;
                        if (held == null) {
                            log.warn("node {} of run {} finished but the run was never recorded as started", e.nodeId(), e.runId());
                        } else {
                            // a node run refers to its run's row, so it is written after that row's insert
                            held.then(RunRecordWriter.Phase.INSERT_NODE_RUN, "node " + e.nodeId() + " of run " + e.runId(),
                                    s -> s.insert(nodeRun));
                        }
                    }
                    case RunEvent.WorkflowFinished e -> finish(e);
                    default -> {
                        // text chunks, retries and iteration progress are not stored
                    }
                }
            } catch (RuntimeException ex) {
                log.warn("could not record {} of run {}: {}", event.getClass().getSimpleName(), event.runId(), ex.toString());
            }
        }

        private void finish(RunEvent.WorkflowFinished e) {
            RunRecordWriter.HeldRow held = run;
            WorkflowRun finished = started;
            if (held == null || !e.runId().equals(runId)) {
                log.warn("run {} finished but was never recorded as started", e.runId());
                return;
            }
            held.finish(() -> {
                finished.finish(e.status(), e.outputs(), e.error(), e.elapsedMillis(), e.totalTokens(),
                        e.totalSteps(), Instant.ofEpochMilli(e.finishedAt()));
                finished.setTotalPrice(price.get());
            });
        }
    }
}
