package dev.weft.engine.node.iteration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import dev.weft.engine.variable.VariablePool;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IterationNodeTest {

    private final IterationNode node = new IterationNode();

    /** Runs a "body" that sleeps, then writes item * 2 as [inner, out]; counts how many bodies run at once. */
    static class DoublingContext extends StubNodeContext {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final int failAt;

        DoublingContext(int failAt) {
            super("iter");
            this.failAt = failAt;
        }

        @Override
        public void runContainerBody(VariablePool itemPool, int index) {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(100);
                int item = ((Number) itemPool.get(Selector.of("iter", "item")).orElseThrow()).intValue();
                assertThat(itemPool.get(Selector.of("iter", "index"))).contains(index);
                if (item == failAt) {
                    throw new IllegalStateException("item " + item + " is bad");
                }
                itemPool.put("inner", "out", item * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private IterationConfig config(String extra) {
        return NodeRegistry.bind(node, Values.JSON.readTree("""
                {"iterator_selector":["start","items"],"output_selector":["inner","out"],"start_node_id":"iter-start"%s}"""
                .formatted(extra)));
    }

    @Test
    void parallel_runs_keep_order_and_respect_the_limit() throws Exception {
        var ctx = new DoublingContext(-1);
        ctx.pool.put("start", "items", IntStream.rangeClosed(1, 10).boxed().toList());
        var result = node.execute(config(",\"is_parallel\":true,\"parallel_nums\":4"), ctx);
        assertThat(result.outputs().get("output")).isEqualTo(List.of(2, 4, 6, 8, 10, 12, 14, 16, 18, 20));
        assertThat(ctx.maxRunning.get()).isBetween(2, 4);
        assertThat(ctx.events).filteredOn(RunEvent.IterationNext.class::isInstance).hasSize(10);
        assertThat(ctx.events.getFirst()).isInstanceOf(RunEvent.IterationStarted.class);
        assertThat(ctx.events.getLast()).isInstanceOf(RunEvent.IterationCompleted.class);
    }

    @Test
    void sequential_runs_one_at_a_time() throws Exception {
        var ctx = new DoublingContext(-1);
        ctx.pool.put("start", "items", List.of(1, 2, 3));
        assertThat(node.execute(config(""), ctx).outputs().get("output")).isEqualTo(List.of(2, 4, 6));
        assertThat(ctx.maxRunning.get()).isEqualTo(1);
    }

    @Test
    void error_modes() throws Exception {
        var ctx = new DoublingContext(2);
        ctx.pool.put("start", "items", List.of(1, 2, 3));
        assertThat(node.execute(config(",\"error_handle_mode\":\"continue-on-error\""), ctx).outputs().get("output"))
                .isEqualTo(java.util.Arrays.asList(2, null, 6));
        assertThat(node.execute(config(",\"error_handle_mode\":\"remove-abnormal-output\",\"is_parallel\":true"), ctx)
                .outputs().get("output")).isEqualTo(List.of(2, 6));
        assertThatThrownBy(() -> node.execute(config(",\"is_parallel\":true"), ctx))
                .isInstanceOf(NodeExecutionException.class).hasMessageContaining("item 1 failed: item 2 is bad");
        assertThatThrownBy(() -> node.execute(config(""), ctx)).hasMessageContaining("item 2 is bad");
    }

    @Test
    void flattens_list_outputs_and_stops_when_cancelled() throws Exception {
        var ctx = new StubNodeContext("iter") {
            @Override
            public void runContainerBody(VariablePool itemPool, int index) {
                itemPool.put("inner", "out", List.of(index, index));
            }
        };
        ctx.pool.put("start", "items", List.of("a", "b"));
        assertThat(node.execute(config(""), ctx).outputs().get("output")).isEqualTo(List.of(0, 0, 1, 1));
        assertThat(node.execute(config(",\"flatten_output\":false"), ctx).outputs().get("output"))
                .isEqualTo(List.of(List.of(0, 0), List.of(1, 1)));
        ctx.cancelled = true;
        assertThatThrownBy(() -> node.execute(config(""), ctx)).isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void non_list_input_fails() {
        var ctx = new StubNodeContext("iter");
        ctx.pool.put("start", "items", "text");
        assertThatThrownBy(() -> node.execute(config(""), ctx)).hasMessageContaining("must be a list");
    }
}
