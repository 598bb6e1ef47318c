package dev.weft.bench;

import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.EngineProperties;
import dev.weft.engine.GraphRunner;
import dev.weft.engine.RunRequest;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunListener;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.graph.GraphCompiler;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.answer.AnswerNode;
import dev.weft.engine.node.end.EndNode;
import dev.weft.engine.node.start.StartNode;
import dev.weft.engine.variable.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.node.ObjectNode;

/**
 * Engine overhead: one whole run of a workflow, measured as a latency distribution (SampleTime gives p50/p99).
 * Run: {@code ./mvnw -Pbench test-compile exec:exec -Dbench.args=EngineOverhead}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class EngineOverheadBenchmark {

    private GraphRunner runner;
    private CompiledGraph graph;

    @Setup
    public void setUp() {
        NodeRegistry registry = new NodeRegistry(List.of(new StartNode(), new AnswerNode(), new EndNode()));
        List<NodeDef> nodes = new ArrayList<>();
        List<EdgeDef> edges = new ArrayList<>();
        nodes.add(node("start", "start", "{\"variables\":[{\"variable\":\"q\",\"type\":\"paragraph\"}]}"));
        String previous = "start";
        for (int i = 1; i <= 8; i++) {
            String id = "a" + i;
            nodes.add(node(id, "answer", "{\"answer\":\"step " + i + ": {{#start.q#}}\"}"));
            edges.add(new EdgeDef(previous, null, id));
            previous = id;
        }
        nodes.add(node("end", "end", "{\"outputs\":[{\"variable\":\"r\",\"value_selector\":[\"a8\",\"answer\"]}]}"));
        edges.add(new EdgeDef(previous, null, "end"));
        graph = new GraphCompiler(registry).compile(new GraphDef(nodes, edges, null));
        runner = new GraphRunner(EngineProperties.defaults());
    }

    @Benchmark
    public RunResult tenNodeWorkflow() {
        return runner.run(graph, RunRequest.of("bench", AppMode.WORKFLOW, Map.of("q", "hello"), Map.of()), RunListener.noop());
    }

    private static NodeDef node(String id, String type, String json) {
        ObjectNode data = (ObjectNode) Values.JSON.readTree(json);
        data.put("type", type);
        data.put("title", id);
        return new NodeDef(id, new NodeDef.Position(0, 0), data);
    }
}
