package dev.weft.engine.node.iteration;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import dev.weft.engine.variable.VariablePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * {@code iteration}: runs its inner nodes once per item of a list, each run in a child pool holding
 * {@code [iteration_id, "item"]} and {@code [iteration_id, "index"]}, and outputs the collected {@code output}.
 * In parallel mode at most {@code parallel_nums} items run at once, on virtual threads; results keep item order.
 */
@Component
public class IterationNode implements NodeExecutor<IterationConfig> {

    /** What one item produced. */
    private record Outcome(Object output, Exception error) {}

    @Override
    public String type() {
        return "iteration";
    }

    @Override
    public Class<IterationConfig> configType() {
        return IterationConfig.class;
    }

    @Override
    public NodeKind kind() {
        return NodeKind.CONTAINER;
    }

    @Override
    public NodeResult execute(IterationConfig config, NodeContext ctx) throws Exception {
        Selector iterator = selector(config.iteratorSelector(), "iterator_selector");
        Selector output = selector(config.outputSelector(), "output_selector");
        Object value = ctx.resolve(iterator).orElseThrow(() -> new NodeExecutionException("IteratorVariableNotFound",
                "iteration input " + iterator + " is not set"));
        if (!(value instanceof List<?> items)) {
            throw new NodeExecutionException("InvalidIteratorValue",
                    "iteration input " + iterator + " must be a list, got " + Values.toText(value));
        }
        ctx.emit(new RunEvent.IterationStarted(ctx.runId(), ctx.nodeId(), ctx.title(), items.size()));
        List<Outcome> outcomes;
        try {
            outcomes = config.isParallel() && items.size() > 1
                    ? runParallel(items, output, config, ctx)
                    : runSequential(items, output, config, ctx);
        } catch (Exception e) {
            ctx.emit(new RunEvent.IterationCompleted(ctx.runId(), ctx.nodeId(), items.size(), e.getMessage()));
            throw e;
        }
        List<Object> results = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.error() == null || IterationConfig.CONTINUE_ON_ERROR.equals(config.errorHandleMode())) {
                results.add(o.output());
            }
        }
        Object collected = config.flattenOutput() && !results.isEmpty() && results.stream().allMatch(List.class::isInstance)
                ? results.stream().flatMap(r -> ((List<?>) r).stream()).toList()
                : results;
        ctx.emit(new RunEvent.IterationCompleted(ctx.runId(), ctx.nodeId(), items.size(), null));
        return NodeResult.of(Map.of("iterator_selector", items), NodeResult.map("output", collected));
    }

    private List<Outcome> runSequential(List<?> items, Selector output, IterationConfig config, NodeContext ctx) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ctx.checkCancelled();
            ctx.emit(new RunEvent.IterationNext(ctx.runId(), ctx.nodeId(), i));
            outcomes.add(runItem(items.get(i), i, output, config, ctx));
        }
        return outcomes;
    }

    private List<Outcome> runParallel(List<?> items, Selector output, IterationConfig config, NodeContext ctx) throws Exception {
        Semaphore permits = new Semaphore(config.parallelNums());
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (int i = 0; i < items.size(); i++) {
                    ctx.checkCancelled();
                    permits.acquire();
                    if (failedFast(futures, config)) {
                        permits.release();
                        break;
                    }
                    int index = i;
                    Object item = items.get(i);
                    ctx.emit(new RunEvent.IterationNext(ctx.runId(), ctx.nodeId(), index));
                    futures.add(executor.submit(() -> {
                        try {
                            return runItem(item, index, output, config, ctx);
                        } finally {
                            permits.release();
                        }
                    }));
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : futures) {
                    outcomes.add(f.get());
                }
                return outcomes;
            } catch (InterruptedException | ExecutionException | RuntimeException e) {
                futures.forEach(f -> f.cancel(true));
                if (e instanceof ExecutionException ee && ee.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }
    }

    /** In terminated mode, whether an item already failed (its exception surfaces when its future is read). */
    private static boolean failedFast(List<Future<Outcome>> futures, IterationConfig config) {
        return IterationConfig.TERMINATED.equals(config.errorHandleMode())
                && futures.stream().anyMatch(f -> f.state() == Future.State.FAILED);
    }

    private static Outcome runItem(Object item, int index, Selector output, IterationConfig config, NodeContext ctx) {
        VariablePool itemPool = ctx.pool().child();
        itemPool.put(ctx.nodeId(), "item", item);
        itemPool.put(ctx.nodeId(), "index", index);
        try {
            ctx.runContainerBody(itemPool, index);
            return new Outcome(itemPool.get(output).orElse(null), null);
        } catch (CancellationException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (IterationConfig.TERMINATED.equals(config.errorHandleMode())) {
                throw new NodeExecutionException("IterationItemFailed",
                        "iteration item " + index + " failed: " + e.getMessage(), e);
            }
            return new Outcome(null, e);
        }
    }

    private static Selector selector(List<String> path, String field) {
        if (path == null || path.size() < 2) {
            throw new NodeExecutionException("IterationConfigError", "iteration has no " + field);
        }
        return new Selector(path);
    }

    @Override
    public List<Selector> inputSelectors(IterationConfig config) {
        return config.iteratorSelector() != null && config.iteratorSelector().size() >= 2
                ? List.of(new Selector(config.iteratorSelector())) : List.of();
    }

    @Override
    public List<String> outputNames(IterationConfig config) {
        return List.of("output");
    }

    @Override
    public List<ConfigProblem> validate(IterationConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.iteratorSelector() == null || config.iteratorSelector().size() < 2) {
            problems.add(new ConfigProblem("iterator_selector", "choose the list to iterate over"));
        }
        if (config.outputSelector() == null || config.outputSelector().size() < 2) {
            problems.add(new ConfigProblem("output_selector", "choose the variable each item outputs"));
        }
        if (config.parallelNums() > IterationConfig.MAX_PARALLELISM) {
            problems.add(new ConfigProblem("parallel_nums", "parallel_nums is " + config.parallelNums()
                    + ", more than the limit of " + IterationConfig.MAX_PARALLELISM));
        }
        if (!List.of(IterationConfig.TERMINATED, IterationConfig.CONTINUE_ON_ERROR, IterationConfig.REMOVE_ABNORMAL_OUTPUT)
                .contains(config.errorHandleMode())) {
            problems.add(new ConfigProblem("error_handle_mode", "unknown error_handle_mode '" + config.errorHandleMode() + "'"));
        }
        return problems;
    }
}
