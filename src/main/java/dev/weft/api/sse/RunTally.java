package dev.weft.api.sse;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import dev.weft.run.RetrieverResourceCollector;
import dev.weft.engine.event.TokenUsageSummary;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a blocking response needs beyond the run's result: when the run started and finished (epoch
 * milliseconds, 0 until known) and the token usage of its finished nodes. Thread-safe.
 */
public final class RunTally implements RunListener {

    private final AtomicReference<TokenUsageSummary> usage = new AtomicReference<>(TokenUsageSummary.NONE);
    private final AtomicLong createdAt = new AtomicLong();
    private final AtomicLong finishedAt = new AtomicLong();
    private final RetrieverResourceCollector citations = new RetrieverResourceCollector();

    @Override
    public void onEvent(RunEvent event) {
        citations.onEvent(event);
        switch (event) {
            case RunEvent.WorkflowStarted e -> createdAt.set(e.createdAt());
            case RunEvent.NodeFinished e when e.usage() != null -> usage.accumulateAndGet(e.usage(), TokenUsageSummary::plus);
            case RunEvent.WorkflowFinished e -> finishedAt.set(e.finishedAt());
            default -> {
                // nothing to count
            }
        }
    }

    public TokenUsageSummary usage() {
        return usage.get();
    }

    /** The knowledge the run's LLM nodes cited (Dify's {@code retriever_resources}). */
    public java.util.List<java.util.Map<String, Object>> retrieverResources() {
        return citations.resources();
    }

    public long createdAt() {
        return createdAt.get();
    }

    public long finishedAt() {
        return finishedAt.get();
    }
}
