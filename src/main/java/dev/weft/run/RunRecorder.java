package dev.weft.run;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes runs to the database as they happen: {@code WorkflowStarted} inserts the {@code workflow_run} row,
 * each {@code NodeFinished} inserts a {@code node_run} row, {@code WorkflowFinished} completes the run row.
 * Each write is one short transaction on the calling thread; a failed write is logged and never stops the run.
 */
@Component
public class RunRecorder {

    private static final Logger log = LoggerFactory.getLogger(RunRecorder.class);

    private final WorkflowRunRepository runs;
    private final NodeRunRepository nodeRuns;
    private final TransactionTemplate transaction;

    public RunRecorder(WorkflowRunRepository runs, NodeRunRepository nodeRuns, TransactionTemplate transaction) {
        this.runs = runs;
        this.nodeRuns = nodeRuns;
        this.transaction = transaction;
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

        Recording(RunOrigin origin) {
            this.origin = origin;
        }

        @Override
        public void onEvent(RunEvent event) {
            try {
                switch (event) {
                    case RunEvent.WorkflowStarted e -> runs.save(
                            new WorkflowRun(e.runId(), origin, e.inputs(), Instant.ofEpochMilli(e.createdAt())));
                    case RunEvent.NodeStarted e -> {
                        if (e.predecessorNodeId() != null) {
                            predecessors.put(e.executionId(), e.predecessorNodeId());
                        }
                    }
                    case RunEvent.NodeFinished e -> {
                        if (e.usage() != null && e.usage().totalPrice().signum() != 0) {
                            price.accumulateAndGet(e.usage().totalPrice(), java.math.BigDecimal::add);
                        }
                        nodeRuns.save(new NodeRun(e, predecessors.remove(e.executionId())));
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
            transaction.executeWithoutResult(status -> runs.findById(e.runId()).ifPresentOrElse(
                    run -> {
                        run.finish(e.status(), e.outputs(), e.error(), e.elapsedMillis(), e.totalTokens(),
                                e.totalSteps(), Instant.ofEpochMilli(e.finishedAt()));
                        run.setTotalPrice(price.get());
                    },
                    () -> log.warn("run {} finished but was never recorded as started", e.runId())));
        }
    }
}
