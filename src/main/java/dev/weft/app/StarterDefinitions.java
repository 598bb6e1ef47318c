package dev.weft.app;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The graph a new app starts with. Chat apps: start → llm → answer ({@code {{#sys.query#}}} in,
 * {@code {{#llm.text#}}} out). Completion: start with a {@code query} paragraph → llm → answer.
 * Workflow: start → end. The LLM node calls the given {@link StarterModel} (empty provider and name when none).
 */
final class StarterDefinitions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StarterDefinitions() {}

    static AppDefinition forMode(AppMode mode, StarterModel model) {
        GraphDef graph = switch (mode) {
            case CHAT, ADVANCED_CHAT -> chain(start(false), llm("{{#sys.query#}}", true, model), answer());
            case COMPLETION -> chain(start(true), llm("{{#start.query#}}", false, model), answer());
            case WORKFLOW -> chain(start(false), end());
        };
        return new AppDefinition(AppDefinition.SCHEMA, mode, graph, List.of(), List.of(), Map.of());
    }

    private static GraphDef chain(NodeDef... nodes) {
        List<NodeDef> list = List.of(nodes);
        List<EdgeDef> edges = new java.util.ArrayList<>();
        for (int i = 1; i < list.size(); i++) {
            edges.add(new EdgeDef(list.get(i - 1).id(), EdgeDef.DEFAULT_HANDLE, list.get(i).id()));
        }
        return new GraphDef(list, edges, Map.of("x", 0, "y", 0, "zoom", 1));
    }

    private static NodeDef node(String id, int column, ObjectNode data) {
        return new NodeDef(id, new NodeDef.Position(80 + column * 320, 260), data);
    }

    private static NodeDef start(boolean withQueryInput) {
        ObjectNode data = data("start", "Start");
        ArrayNode variables = data.putArray("variables");
        if (withQueryInput) {
            variables.addObject()
                    .put("variable", "query")
                    .put("label", "Query")
                    .put("type", "paragraph")
                    .put("required", true)
                    .put("max_length", 4000);
        }
        return node("start", 0, data);
    }

    private static NodeDef llm(String userText, boolean withMemory, StarterModel starter) {
        ObjectNode data = data("llm", "LLM");
        ObjectNode model = data.putObject("model");
        model.put("provider", starter.provider()).put("name", starter.name()).put("mode", "chat").putObject("completion_params");
        ArrayNode prompt = data.putArray("prompt_template");
        prompt.addObject().put("role", "system").put("text", "You are a helpful assistant.");
        prompt.addObject().put("role", "user").put("text", userText);
        data.putObject("context").put("enabled", false).putArray("variable_selector");
        data.putObject("vision").put("enabled", false);
        if (withMemory) {
            data.putObject("memory").putObject("window").put("enabled", true).put("size", 10);
        }
        return node("llm", 1, data);
    }

    private static NodeDef answer() {
        ObjectNode data = data("answer", "Answer");
        data.put("answer", "{{#llm.text#}}");
        return node("answer", 2, data);
    }

    private static NodeDef end() {
        ObjectNode data = data("end", "End");
        data.putArray("outputs");
        return node("end", 1, data);
    }

    private static ObjectNode data(String type, String title) {
        ObjectNode data = JSON.objectNode();
        data.put("type", type);
        data.put("title", title);
        data.put("desc", "");
        return data;
    }
}
