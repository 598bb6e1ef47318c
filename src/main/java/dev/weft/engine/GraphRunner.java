package dev.weft.engine;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import dev.weft.engine.event.RunStatus;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.variable.VariablePool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/**
 * Runs compiled graphs. {@link #start} returns at once with a handle; the run goes on on virtual threads
 * and reports through the listener: workflow_started, then node and text events, then workflow_finished
 * (and error, when it failed).
 */
@Component
public class GraphRunner {

    private final EngineProperties properties;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    public GraphRunner(EngineProperties properties) {
        this.properties = properties;
    }

    public RunHandle start(CompiledGraph graph, RunRequest request, RunListener listener) {
        RunExecution execution = new RunExecution(request, listener, workers, properties);
        CompletableFuture<RunResult> result = new CompletableFuture<>();
        RunHandle handle = new RunHandle(request.runId(), execution, result);
        workers.execute(() -> {
            try {
                result.complete(walk(graph, execution));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return handle;
    }

    /** Runs to the end on the calling thread's behalf and returns the result. */
    public RunResult run(CompiledGraph graph, RunRequest request, RunListener listener) {
        return start(graph, request, listener).await();
    }

    private RunResult walk(CompiledGraph graph, RunExecution execution) {
        RunRequest request = execution.request();
        long created = System.currentTimeMillis();
        VariablePool pool = new VariablePool();
        pool.putAll(VariablePool.SYS, request.system());
        pool.putAll(VariablePool.ENV, request.environment());
        pool.putAll(VariablePool.CONVERSATION, request.conversation());
        // the start node checks and completes these (defaults, types) and writes them back as its outputs
        pool.putAll(graph.rootId(), request.inputs());
        Map<String, Object> startedInputs = new LinkedHashMap<>(request.inputs());
        request.system().forEach((k, v) -> startedInputs.put("sys." + k, v));
        execution.emit(new RunEvent.WorkflowStarted(request.runId(), startedInputs, created));

        ResponseStreamer streamer = new ResponseStreamer(request.runId(), graph, pool,
                request.mode() != null && request.mode().isChat(), execution::emit);
        GraphWalk walk = new GraphWalk(execution, graph, pool, null, null, streamer);
        GraphWalk.Outcome outcome;
        try {
            outcome = walk.walk();
        } catch (RuntimeException e) {
            outcome = new GraphWalk.Outcome("the engine failed: " + e, null);
        }

        RunStatus status;
        String error = null;
        RunExecution.Cancellation cancellation = execution.cancellation();
        if (cancellation != null && (cancellation.status() == RunStatus.STOPPED || !outcome.failed())) {
            status = cancellation.status();
            error = cancellation.reason();
        } else if (outcome.failed()) {
            status = RunStatus.FAILED;
            error = cancellation != null ? cancellation.reason() : outcome.error();
        } else {
            status = execution.exceptions() > 0 ? RunStatus.PARTIAL_SUCCEEDED : RunStatus.SUCCEEDED;
        }
        String answer = streamer.answer();
        Map<String, Object> outputs = request.mode() != null && request.mode().isChat()
                ? Map.of("answer", answer)
                : walk.endOutputs();
        long elapsed = execution.elapsedMillis();
        execution.emit(new RunEvent.WorkflowFinished(request.runId(), status, outputs, error, elapsed,
                execution.tokens(), execution.steps(), execution.exceptions(), created, System.currentTimeMillis()));
        if (status == RunStatus.FAILED) {
            execution.emit(new RunEvent.Error(request.runId(), "workflow_failed", error));
        }
        return new RunResult(request.runId(), status, outputs, answer, error, elapsed, execution.tokens(),
                execution.steps(), pool.outputsOf(VariablePool.CONVERSATION));
    }
}
