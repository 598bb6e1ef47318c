package dev.weft.run;

import dev.weft.app.AppService;
import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.ConversationVariable;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.GraphRunner;
import dev.weft.engine.RunHandle;
import dev.weft.engine.RunRequest;
import dev.weft.engine.event.RunListener;
import dev.weft.engine.graph.GraphCompiler;
import dev.weft.engine.graph.GraphInspector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Runs one node of an app's draft on its own, for trying it out while designing: the outputs of upstream nodes
 * (and an iteration's item) that the node reads are given by hand. The node runs in a two-node graph — a start
 * node whose inputs stand for those values, then a copy of the node reading them — with the app's environment
 * variables and conversation variables' defaults; {@code sys.query} is the given query. Nothing is recorded.
 */
@Service
public class NodeTrialRun {

    /** A value the node reads that must be given: {@code selector} as in the graph, e.g. {@code [llm, text]}. */
    public record Input(List<String> selector) {

        public String dotted() {
            return String.join(".", selector);
        }
    }

    static final String START_ID = "trial_start";
    private static final Set<String> SCOPES = Set.of("sys", "env", "conversation");
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{#([a-zA-Z0-9_]{1,50})\\.([a-zA-Z_][a-zA-Z0-9_]{0,29})((?:\\.[a-zA-Z_][a-zA-Z0-9_]{0,29}){0,9})#}}");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final AppService apps;
    private final GraphInspector inspector;
    private final GraphCompiler compiler;
    private final GraphRunner runner;

    public NodeTrialRun(AppService apps, GraphInspector inspector, GraphCompiler compiler, GraphRunner runner) {
        this.apps = apps;
        this.inspector = inspector;
        this.compiler = compiler;
        this.runner = runner;
    }

    /** Whether a node of this type can run alone (not start, not an iteration or its start marker). */
    public boolean supports(NodeDef node) {
        String type = node.nodeType();
        return type != null && !type.equals("start") && !type.equals("iteration") && !type.equals("iteration-start")
                && !"custom-note".equals(node.type());
    }

    /** The upstream values the node reads, which a trial asks for (sys, env and conversation variables excluded). */
    public List<Input> inputs(NodeDef node) {
        List<Input> out = new ArrayList<>();
        for (List<String> s : inspector.references(node)) {
            if (s.size() >= 2 && !SCOPES.contains(s.getFirst()) && out.stream().noneMatch(i -> i.selector().subList(0, 2).equals(s.subList(0, 2)))) {
                out.add(new Input(List.of(s.get(0), s.get(1))));
            }
        }
        return out;
    }

    /**
     * Starts the trial of {@code node} from {@code definition} (as stored: secrets are decrypted here) with
     * {@code values} keyed by {@link Input#dotted()}.
     */
    public RunHandle start(String appId, AppDefinition definition, NodeDef node, Map<String, Object> values, String query,
            RunListener listener) {
        if (!supports(node)) {
            throw new IllegalArgumentException("a " + node.nodeType() + " node cannot run on its own; run the whole draft instead");
        }
        List<Input> inputs = inputs(node);
        Map<String, String> names = new LinkedHashMap<>();
        ObjectNode startData = JSON.objectNode().put("type", "start").put("title", "Given values");
        ArrayNode variables = startData.putArray("variables");
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            String name = "v" + (i + 1);
            names.put(inputs.get(i).dotted(), name);
            variables.addObject().put("variable", name).put("label", inputs.get(i).dotted()).put("type", "json_object");
            given.put(name, values.get(inputs.get(i).dotted()));
        }
        ObjectNode data = (ObjectNode) rewrite(node.data().deepCopy(), names);
        data.remove("iteration_id");
        data.remove("isInIteration");
        NodeDef start = new NodeDef(START_ID, new NodeDef.Position(0, 0), startData);
        NodeDef copy = new NodeDef(node.id(), node.type(), node.position(), null, data, null);
        GraphDef graph = new GraphDef(List.of(start, copy), List.of(new EdgeDef(START_ID, EdgeDef.DEFAULT_HANDLE, node.id())), null);

        AppDefinition runnable = apps.runnableDefinition(apps.draftVersion(appId));
        Map<String, Object> environment = new LinkedHashMap<>();
        for (EnvironmentVariable v : runnable.environmentVariables()) {
            environment.put(v.name(), v.value());
        }
        Map<String, Object> conversation = new LinkedHashMap<>();
        for (ConversationVariable v : definition.conversationVariables()) {
            conversation.put(v.name(), v.value());
        }
        String runId = UUID.randomUUID().toString();
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("query", query == null ? "" : query);
        system.put("files", List.of());
        system.put("user_id", "designer");
        system.put("conversation_id", "");
        system.put("dialogue_count", 0);
        system.put("app_id", appId);
        system.put("workflow_id", "");
        system.put("workflow_run_id", runId);
        system.put("timestamp", java.time.Instant.now().getEpochSecond());
        RunRequest request = new RunRequest(runId, appId, definition.mode(), given, system, environment, conversation,
                List.of(), null, null, RunRequest.ACCOUNT);
        return runner.start(compiler.compile(graph), request, listener);
    }

    /** Points selectors and references at the trial's start node: {@code [llm, text]} becomes {@code [trial_start, v1]}. */
    private static JsonNode rewrite(JsonNode node, Map<String, String> names) {
        if (node instanceof ObjectNode object) {
            for (String key : new ArrayList<>(object.propertyNames())) {
                object.set(key, rewrite(object.get(key), names));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            if (array.size() >= 2 && array.get(0).isString() && array.get(1).isString()
                    && names.containsKey(array.get(0).asString() + "." + array.get(1).asString())) {
                ArrayNode out = JSON.arrayNode();
                out.add(START_ID).add(names.get(array.get(0).asString() + "." + array.get(1).asString()));
                for (int i = 2; i < array.size(); i++) {
                    out.add(array.get(i));
                }
                return out;
            }
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rewrite(array.get(i), names));
            }
            return array;
        }
        if (node.isString() && node.asString().contains("{{#")) {
            Matcher m = REFERENCE.matcher(node.asString());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = names.get(m.group(1) + "." + m.group(2));
                m.appendReplacement(out, Matcher.quoteReplacement(name == null ? m.group()
                        : "{{#" + START_ID + "." + name + m.group(3) + "#}}"));
            }
            m.appendTail(out);
            return StringNode.valueOf(out.toString());
        }
        return node;
    }
}
