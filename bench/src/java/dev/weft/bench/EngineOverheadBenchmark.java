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
import dev.weft.engine.node.ifelse.IfElseNode;
import dev.weft.engine.node.llm.LlmNode;
import dev.weft.engine.node.start.StartNode;
import dev.weft.engine.node.templatetransform.JinjaRenderer;
import dev.weft.engine.node.templatetransform.TemplateTransformNode;
import dev.weft.engine.node.variableaggregator.VariableAggregatorNode;
import dev.weft.model.ChatModel;
import dev.weft.model.ChatResponse;
import dev.weft.model.TokenUsage;
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
 * Engine overhead: one whole run of a 10-node workflow (start, two LLM calls to a zero-latency in-process
 * model, if-else with two branches, template transforms, a variable aggregator, end), measured as a latency distribution (SampleTime gives p50/p99).
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
    private JinjaRenderer jinja;

    @Setup
    public void setUp() {
        ChatModel instant = (request, onToken) -> {
            String text = "echo: " + request.messages().getLast().content();
            if (onToken != null) {
                onToken.accept(text);
            }
            return new ChatResponse(text, new TokenUsage(12, 4, 16), "stop");
        };
        jinja = new JinjaRenderer();
        NodeRegistry registry = new NodeRegistry(List.of(new StartNode(), new AnswerNode(), new EndNode(),
                new LlmNode((provider, model) -> instant), new IfElseNode(), new TemplateTransformNode(jinja),
                new VariableAggregatorNode()));
        List<NodeDef> nodes = new ArrayList<>();
        List<EdgeDef> edges = new ArrayList<>();
        nodes.add(node("start", "start", "{\"variables\":[{\"variable\":\"q\",\"type\":\"paragraph\"}]}"));
        nodes.add(node("llm", "llm", llm("{{#start.q#}}")));
        nodes.add(node("check", "if-else", "{\"cases\":[{\"case_id\":\"long\",\"logical_operator\":\"and\","
                + "\"conditions\":[{\"variable_selector\":[\"llm\",\"text\"],\"comparison_operator\":\"contains\",\"value\":\"echo\"}]}]}"));
        nodes.add(node("yes", "template-transform", template("llm", "text", "yes: {{ v }}")));
        nodes.add(node("no", "template-transform", template("llm", "text", "no: {{ v }}")));
        nodes.add(node("merge", "variable-aggregator",
                "{\"variables\":[[\"yes\",\"output\"],[\"no\",\"output\"]],\"output_type\":\"string\"}"));
        nodes.add(node("upper", "template-transform", template("merge", "output", "{{ v | upper }}")));
        nodes.add(node("llm2", "llm", llm("Summarise {{#upper.output#}}")));
        nodes.add(node("format", "template-transform", template("llm2", "text", "[{{ v }}]")));
        nodes.add(node("end", "end", "{\"outputs\":[{\"variable\":\"result\",\"value_selector\":[\"format\",\"output\"]}]}"));
        edges.add(new EdgeDef("start", null, "llm"));
        edges.add(new EdgeDef("llm", null, "check"));
        edges.add(new EdgeDef("check", "long", "yes"));
        edges.add(new EdgeDef("check", "false", "no"));
        edges.add(new EdgeDef("yes", null, "merge"));
        edges.add(new EdgeDef("no", null, "merge"));
        edges.add(new EdgeDef("merge", null, "upper"));
        edges.add(new EdgeDef("upper", null, "llm2"));
        edges.add(new EdgeDef("llm2", null, "format"));
        edges.add(new EdgeDef("format", null, "end"));
        graph = new GraphCompiler(registry).compile(new GraphDef(nodes, edges, null));
        runner = new GraphRunner(EngineProperties.defaults());
        RunResult check = tenNodeWorkflow();
        if (check.error() != null || check.outputs().get("result") == null) {
            throw new IllegalStateException("the benchmark workflow does not run: " + check);
        }
    }

    private static String llm(String user) {
        return "{\"model\":{\"provider\":\"local\",\"name\":\"instant\",\"mode\":\"chat\"},"
                + "\"prompt_template\":[{\"role\":\"system\",\"text\":\"Be brief.\"},{\"role\":\"user\",\"text\":\"" + user + "\"}]}";
    }

    private static String template(String node, String variable, String template) {
        return "{\"variables\":[{\"variable\":\"v\",\"value_selector\":[\"" + node + "\",\"" + variable + "\"]}],"
                + "\"template\":\"" + template + "\"}";
    }

    /** The cost of one Jinja2 render, for comparison: four of the ten nodes are template transforms. */
    @Benchmark
    public String oneJinjaRender() {
        return jinja.render("yes: {{ v }}", Map.of("v", "hello"));
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
