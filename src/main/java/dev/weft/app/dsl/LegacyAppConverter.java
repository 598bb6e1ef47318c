package dev.weft.app.dsl;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.definition.ValidationError;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the {@code model_config} of a legacy Dify chat or completion app into the equivalent graph:
 * a start node with the {@code user_input_form} variables, an llm node with the prompt ({@code pre_prompt}
 * as the system message, then {@code {{#sys.query#}}} for chat) and an answer node with the llm's text.
 * Opening statement, suggested questions and the other chat features move to {@code features}.
 */
final class LegacyAppConverter {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern BASIC_VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Set<String> INPUT_TYPES = Set.of("text-input", "paragraph", "select", "number", "checkbox", "json_object", "file", "file-list");
    private static final List<String> FEATURE_KEYS = List.of("opening_statement", "suggested_questions",
            "suggested_questions_after_answer", "speech_to_text", "text_to_speech", "retriever_resource",
            "sensitive_word_avoidance", "file_upload", "more_like_this");

    private final AppMode mode;
    private final JsonNode config;
    private final List<String> warnings;
    private final Set<String> variables = new LinkedHashSet<>();

    LegacyAppConverter(AppMode mode, JsonNode config, List<String> warnings) {
        this.mode = mode;
        this.config = config;
        this.warnings = warnings;
    }

    AppDefinition convert() {
        if (!config.isObject()) {
            throw new DefinitionException(List.of(new ValidationError("$.model_config", "model_config must be a mapping")));
        }
        JsonNode model = config.get("model");
        if (model == null || !model.isObject() || DifyDslImporter.text(model, "name").isBlank()) {
            throw new DefinitionException(List.of(new ValidationError("$.model_config.model", "the model (provider and name) is missing")));
        }
        ObjectNode start = node("start", "Start");
        start.set("variables", startVariables());
        ObjectNode llm = node("llm", "LLM");
        ObjectNode llmModel = llm.putObject("model");
        llmModel.put("provider", DifyDslImporter.text(model, "provider"));
        llmModel.put("name", DifyDslImporter.text(model, "name"));
        llmModel.put("mode", model.path("mode").asString("chat"));
        llmModel.set("completion_params", model.has("completion_params") ? model.get("completion_params") : F.objectNode());
        llm.set("prompt_template", prompt());
        llm.putObject("context").put("enabled", false).putArray("variable_selector");
        llm.putObject("vision").put("enabled", false);
        if (mode == AppMode.CHAT) {
            llm.putObject("memory").putObject("window").put("enabled", false).put("size", 10);
        }
        ObjectNode answer = node("answer", "Answer");
        answer.put("answer", "{{#llm.text#}}");
        answer.putArray("variables");
        noteLeftOut();
        warnings.add("converted the legacy " + mode.value() + " app's model_config into a start -> llm -> answer graph");
        List<NodeDef> nodes = List.of(place("start", 30, start), place("llm", 334, llm), place("answer", 638, answer));
        List<EdgeDef> edges = List.of(edge("start", "llm", "start", "llm"), edge("llm", "answer", "llm", "answer"));
        Map<String, Object> viewport = new LinkedHashMap<>(Map.of("x", 0, "y", 0, "zoom", 1));
        return new AppDefinition(AppDefinition.SCHEMA, mode, new GraphDef(nodes, edges, viewport), List.of(), List.of(), features());
    }

    private ArrayNode startVariables() {
        ArrayNode out = F.arrayNode();
        JsonNode form = config.get("user_input_form");
        for (int i = 0; form != null && form.isArray() && i < form.size(); i++) {
            JsonNode item = form.get(i);
            if (!item.isObject() || item.size() != 1) {
                continue;
            }
            Map.Entry<String, JsonNode> entry = item.properties().iterator().next();
            String type = entry.getKey();
            JsonNode spec = entry.getValue();
            if (!INPUT_TYPES.contains(type)) {
                warnings.add("input '" + DifyDslImporter.text(spec, "variable") + "' of type '" + type + "' was left out; Weft has no such input");
                continue;
            }
            ObjectNode v = out.addObject();
            v.put("variable", DifyDslImporter.text(spec, "variable"));
            v.put("label", DifyDslImporter.text(spec, "label"));
            v.put("type", type);
            v.put("required", spec.path("required").asBoolean(false));
            for (String key : List.of("max_length", "options", "default", "hide")) {
                if (spec.has(key)) {
                    v.set(key, spec.get(key));
                }
            }
            variables.add(DifyDslImporter.text(spec, "variable"));
        }
        return out;
    }

    private ArrayNode prompt() {
        ArrayNode messages = F.arrayNode();
        JsonNode advanced = config.path("chat_prompt_config").path("prompt");
        if ("advanced".equals(DifyDslImporter.text(config, "prompt_type")) && advanced.isArray() && !advanced.isEmpty()) {
            for (JsonNode m : advanced) {
                messages.addObject().put("role", m.path("role").asString("user")).put("text", rewrite(m.path("text").asString("")));
            }
            warnings.add("the advanced prompt was converted message by message; check how it uses the query and history");
            return messages;
        }
        String prePrompt = rewrite(DifyDslImporter.text(config, "pre_prompt"));
        if (mode == AppMode.CHAT) {
            if (!prePrompt.isBlank()) {
                messages.addObject().put("role", "system").put("text", prePrompt);
            }
            messages.addObject().put("role", "user").put("text", "{{#sys.query#}}");
        } else {
            messages.addObject().put("role", "user").put("text", prePrompt);
        }
        return messages;
    }

    /** Dify's basic prompts write inputs as {@code {{name}}}; the graph reads them from the start node. */
    private String rewrite(String text) {
        Matcher m = BASIC_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(variables.contains(name) ? "{{#start." + name + "#}}" : m.group()));
        }
        m.appendTail(out);
        return out.toString().replace("{{#query#}}", "{{#sys.query#}}");
    }

    private void noteLeftOut() {
        JsonNode datasets = config.path("dataset_configs").path("datasets").path("datasets");
        if (datasets.isArray() && !datasets.isEmpty()) {
            warnings.add("the knowledge settings (dataset_configs) were not converted; add a knowledge-retrieval node");
        }
        JsonNode tools = config.path("agent_mode").path("tools");
        if (config.path("agent_mode").path("enabled").asBoolean(false) && tools.isArray() && !tools.isEmpty()) {
            warnings.add("the agent tools (agent_mode) were not converted");
        }
    }

    private Map<String, Object> features() {
        Map<String, Object> features = new LinkedHashMap<>();
        for (String key : FEATURE_KEYS) {
            JsonNode v = config.get(key);
            if (v != null && !v.isNull()) {
                features.put(key, DifyDsl.JSON.convertValue(v, Object.class));
            }
        }
        return features;
    }

    private static ObjectNode node(String type, String title) {
        ObjectNode data = F.objectNode();
        data.put("type", type);
        data.put("title", title);
        data.put("desc", "");
        return data;
    }

    private static NodeDef place(String id, double x, ObjectNode data) {
        Map<String, Object> ui = new LinkedHashMap<>();
        Map<String, Object> absolute = new LinkedHashMap<>();
        absolute.put("x", x);
        absolute.put("y", 250.0);
        ui.put("positionAbsolute", absolute);
        ui.put("width", 244);
        ui.put("height", 98);
        ui.put("selected", false);
        ui.put("sourcePosition", "right");
        ui.put("targetPosition", "left");
        return new NodeDef(id, "custom", new NodeDef.Position(x, 250), null, data, ui);
    }

    private static EdgeDef edge(String source, String target, String sourceType, String targetType) {
        Map<String, Object> ui = new LinkedHashMap<>();
        ui.put("type", "custom");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sourceType", sourceType);
        data.put("targetType", targetType);
        data.put("isInIteration", false);
        ui.put("data", data);
        return new EdgeDef(source + "-source-" + target + "-target", source, EdgeDef.DEFAULT_HANDLE, target, "target", ui);
    }
}
