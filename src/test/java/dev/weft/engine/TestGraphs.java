package dev.weft.engine;

import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.graph.GraphCompiler;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeKind;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.answer.AnswerNode;
import dev.weft.engine.node.end.EndNode;
import dev.weft.engine.node.iteration.IterationNode;
import dev.weft.engine.node.iteration.IterationStartNode;
import dev.weft.engine.node.templatetransform.JinjaRenderer;
import dev.weft.engine.node.templatetransform.TemplateTransformNode;
import dev.weft.engine.node.start.StartNode;
import dev.weft.engine.variable.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ObjectNode;

/** Builds small graphs for engine tests, with test node types next to the real start, end and answer nodes. */
final class TestGraphs {

    static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    private final List<NodeDef> nodes = new ArrayList<>();
    private final List<EdgeDef> edges = new ArrayList<>();

    static TestGraphs graph() {
        return new TestGraphs();
    }

    TestGraphs node(String id, String type, String json) {
        ObjectNode data = (ObjectNode) Values.JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        data.put("type", type);
        data.put("title", id);
        nodes.add(new NodeDef(id, new NodeDef.Position(0, 0), data));
        return this;
    }

    /** A node inside the iteration {@code container}. */
    TestGraphs inside(String container, String id, String type, String json) {
        node(id, type, json);
        NodeDef plain = nodes.removeLast();
        plain.data().put("isInIteration", true);
        plain.data().put("iteration_id", container);
        nodes.add(new NodeDef(id, "custom", plain.position(), container, plain.data(), null));
        return this;
    }

    TestGraphs edge(String source, String target) {
        return edge(source, null, target);
    }

    TestGraphs edge(String source, String handle, String target) {
        edges.add(new EdgeDef(source, handle, target));
        return this;
    }

    GraphDef def() {
        return new GraphDef(nodes, edges, null);
    }

    CompiledGraph compile() {
        return new GraphCompiler(registry()).compile(def());
    }

    static NodeRegistry registry() {
        return new NodeRegistry(List.of(new StartNode(), new EndNode(), new AnswerNode(),
                new SleepNode(), new FailNode(), new StreamNode(), new PickNode(), new GaugeNode(),
                new IterationNode(), new IterationStartNode(), new TemplateTransformNode(new JinjaRenderer())));
    }

    /** {@code sleep}: waits {@code ms} (interruptibly) and outputs {@code {text: value}}. */
    record SleepConfig(long ms, String value) {}

    static final class SleepNode implements NodeExecutor<SleepConfig> {
        public String type() { return "sleep"; }
        public Class<SleepConfig> configType() { return SleepConfig.class; }
        public NodeResult execute(SleepConfig c, NodeContext ctx) throws InterruptedException {
            Thread.sleep(c.ms());
            return NodeResult.of(Map.of("text", c.value() == null ? "" : c.value()));
        }
    }

    /** {@code fail}: fails the first {@code failures} calls (all when 0), counting calls under its key. */
    record FailConfig(String key, int failures) {}

    static final class FailNode implements NodeExecutor<FailConfig> {
        public String type() { return "fail"; }
        public Class<FailConfig> configType() { return FailConfig.class; }
        public NodeResult execute(FailConfig c, NodeContext ctx) {
            int call = CALLS.computeIfAbsent(c.key(), k -> new AtomicInteger()).incrementAndGet();
            if (c.failures() == 0 || call <= c.failures()) {
                throw new NodeExecutionException("Boom", "boom " + call);
            }
            return NodeResult.of(Map.of("text", "ok after " + call));
        }
    }

    /** {@code stream}: streams each of {@code chunks} as {@code text}, then waits for the latch named {@code hold}. */
    record StreamConfig(List<String> chunks, String hold) {}

    static final class StreamNode implements NodeExecutor<StreamConfig> {
        public String type() { return "stream"; }
        public Class<StreamConfig> configType() { return StreamConfig.class; }
        public NodeResult execute(StreamConfig c, NodeContext ctx) throws InterruptedException {
            for (String chunk : c.chunks()) {
                ctx.streamChunk("text", chunk);
            }
            if (c.hold() != null && !LATCHES.get(c.hold()).await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch " + c.hold() + " never released");
            }
            return NodeResult.of(Map.of("text", String.join("", c.chunks())));
        }
    }

    static final AtomicInteger GAUGE_NOW = new AtomicInteger();
    static final AtomicInteger GAUGE_MAX = new AtomicInteger();

    /** {@code gauge}: sleeps {@code ms} while counting how many gauges run at once; outputs {@code ms}. */
    record GaugeConfig(long ms) {}

    static final class GaugeNode implements NodeExecutor<GaugeConfig> {
        public String type() { return "gauge"; }
        public Class<GaugeConfig> configType() { return GaugeConfig.class; }
        public NodeResult execute(GaugeConfig c, NodeContext ctx) throws InterruptedException {
            GAUGE_MAX.accumulateAndGet(GAUGE_NOW.incrementAndGet(), Math::max);
            try {
                Thread.sleep(c.ms());
            } finally {
                GAUGE_NOW.decrementAndGet();
            }
            return NodeResult.of(Map.of("ms", c.ms()));
        }
    }

    /** {@code pick}: a branch node choosing the handle in {@code handle} (rendered). */
    record PickConfig(String handle) {}

    static final class PickNode implements NodeExecutor<PickConfig> {
        public String type() { return "pick"; }
        public Class<PickConfig> configType() { return PickConfig.class; }
        public NodeKind kind() { return NodeKind.BRANCH; }
        public NodeResult execute(PickConfig c, NodeContext ctx) {
            return NodeResult.branch(ctx.render(c.handle()), Map.of());
        }
    }
}
