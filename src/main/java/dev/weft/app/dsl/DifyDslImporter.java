package dev.weft.app.dsl;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.ConversationVariable;
import dev.weft.app.definition.DefinitionException;
import dev.weft.app.definition.EdgeDef;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.app.definition.GraphDef;
import dev.weft.app.definition.JsonPaths;
import dev.weft.app.definition.NodeDef;
import dev.weft.app.definition.ValidationError;
import dev.weft.engine.graph.GraphValidator;
import dev.weft.engine.graph.NodeRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Imports a Dify DSL file (YAML): workflow and advanced-chat apps with their graph, features,
 * environment and conversation variables, and legacy chat and completion apps, whose {@code model_config}
 * becomes a start → llm → answer graph. Canvas notes are dropped; a node type Weft cannot run fails the
 * import. The result is checked with {@link GraphValidator}, and every problem names its place in the file.
 */
@Component
public class DifyDslImporter {

    /** The largest DSL file accepted, in bytes (10 MB). */
    public static final int MAX_FILE_BYTES = DifyDsl.MAX_BYTES;

    private static final Set<String> ENV_TYPES = Set.of("string", "number", "secret");
    private static final Pattern NODE_PATH = Pattern.compile("^\\$\\.graph\\.nodes\\[(\\d+)](.*)$");

    private final NodeRegistry registry;
    private final GraphValidator validator;

    public DifyDslImporter(NodeRegistry registry, GraphValidator validator) {
        this.registry = registry;
        this.validator = validator;
    }

    /** Imports {@code yaml}; throws {@link DefinitionException} listing every problem when it cannot. */
    public DslImportResult importYaml(String yaml) {
        JsonNode root = read(yaml);
        List<ValidationError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        checkVersion(root, errors, warnings);
        JsonNode kind = root.get("kind");
        if (kind != null && !kind.isNull() && !"app".equals(kind.asString(""))) {
            errors.add(new ValidationError("$.kind", "kind must be 'app', got '" + kind.asString(kind.toString()) + "'"));
        }
        JsonNode app = root.get("app");
        AppMode mode = null;
        if (app == null || !app.isObject()) {
            errors.add(new ValidationError("$.app", "the app section is missing"));
        } else {
            if (text(app, "name").isBlank()) {
                errors.add(new ValidationError("$.app.name", "the app name is missing"));
            }
            mode = mode(app.get("mode"), errors);
        }
        if (!errors.isEmpty()) {
            throw new DefinitionException(errors);
        }
        JsonNode workflow = root.get("workflow");
        AppDefinition definition;
        int[] nodeIndex;
        if (workflow != null && workflow.isObject() && workflow.get("graph") != null) {
            WorkflowImport imported = importWorkflow(mode, workflow);
            definition = imported.definition();
            nodeIndex = imported.nodeIndex();
        } else if ((mode == AppMode.CHAT || mode == AppMode.COMPLETION) && root.get("model_config") != null) {
            definition = new LegacyAppConverter(mode, root.get("model_config"), warnings).convert();
            nodeIndex = null;
        } else {
            boolean legacy = mode == AppMode.CHAT || mode == AppMode.COMPLETION;
            throw new DefinitionException(List.of(new ValidationError(legacy ? "$.model_config" : "$.workflow.graph",
                    "a " + mode.value() + " app needs " + (legacy ? "workflow.graph or model_config" : "workflow.graph"))));
        }
        List<ValidationError> problems = validator.validate(definition);
        if (!problems.isEmpty()) {
            throw new DefinitionException(problems.stream()
                    .map(e -> nodeIndex == null ? e : new ValidationError(toFilePath(e.path(), nodeIndex), e.message()))
                    .toList());
        }
        return new DslImportResult(text(app, "name"), text(app, "description"), text(app, "icon"), definition, warnings);
    }

    private static JsonNode read(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw new DefinitionException(List.of(new ValidationError(JsonPaths.ROOT, "the DSL file is empty")));
        }
        int bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > DifyDsl.MAX_BYTES) {
            throw new DefinitionException(List.of(new ValidationError(JsonPaths.ROOT,
                    "the DSL file is " + bytes + " bytes; the limit is " + DifyDsl.MAX_BYTES + " bytes (10 MB)")));
        }
        JsonNode root;
        try {
            root = DifyDsl.YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new DefinitionException(List.of(JsonPaths.fromJackson(JsonPaths.ROOT, e)));
        }
        if (root == null || !root.isObject()) {
            throw new DefinitionException(List.of(new ValidationError(JsonPaths.ROOT, "the DSL file must be a YAML mapping with version, kind and app")));
        }
        return root;
    }

    private static void checkVersion(JsonNode root, List<ValidationError> errors, List<String> warnings) {
        JsonNode version = root.get("version");
        if (version == null || version.isNull()) {
            return; // Dify reads a missing version as 0.1.0
        }
        if (!version.isString()) {
            errors.add(new ValidationError("$.version", "version must be a string such as \"" + DifyDsl.VERSION + "\", got " + version));
            return;
        }
        Matcher m = Pattern.compile("^(\\d+)\\.\\d+(\\.\\d+)?.*").matcher(version.asString());
        if (!m.matches()) {
            errors.add(new ValidationError("$.version", "'" + version.asString() + "' is not a version such as " + DifyDsl.VERSION));
        } else if (Integer.parseInt(m.group(1)) > 0) {
            warnings.add("DSL version " + version.asString() + " is newer than the versions Weft knows (0.x, written as "
                    + DifyDsl.VERSION + "); imported anyway, check the result");
        }
    }

    private static AppMode mode(JsonNode node, List<ValidationError> errors) {
        if (node == null || node.isNull() || node.asString("").isBlank()) {
            errors.add(new ValidationError("$.app.mode", "the app mode is missing"));
            return null;
        }
        try {
            return AppMode.of(node.asString());
        } catch (IllegalArgumentException e) {
            errors.add(new ValidationError("$.app.mode", "app mode '" + node.asString()
                    + "' is not supported; Weft imports chat, completion, workflow and advanced-chat apps"));
            return null;
        }
    }

    /** A converted workflow and, for each definition node, its index in the file's node list. */
    private record WorkflowImport(AppDefinition definition, int[] nodeIndex) {}

    private WorkflowImport importWorkflow(AppMode mode, JsonNode workflow) {
        List<ValidationError> errors = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        JsonNode graph = workflow.get("graph");
        if (!graph.isObject()) {
            throw new DefinitionException(List.of(new ValidationError("$.workflow.graph", "the graph must be a mapping with nodes and edges")));
        }
        List<NodeDef> nodes = new ArrayList<>();
        List<Integer> nodeIndex = new ArrayList<>();
        JsonNode nodeList = graph.get("nodes");
        for (int i = 0; nodeList != null && i < nodeList.size(); i++) {
            JsonNode node = nodeList.get(i);
            String path = "$.workflow.graph.nodes[" + i + "]";
            if (!node.isObject()) {
                errors.add(new ValidationError(path, "a node must be a mapping"));
                continue;
            }
            if (DifyDsl.NOTE_TYPE.equals(text(node, "type"))) {
                continue;
            }
            String type = node.path("data").path("type").asString("");
            if (!type.isBlank() && !registry.supports(type) && !GraphValidator.ITERATION_START.equals(type)) {
                unsupported.add("unsupported node type '" + type + "' at " + path + " (node '" + text(node, "id") + "')");
                errors.add(new ValidationError(path, "unsupported node type '" + type + "' (node '" + text(node, "id") + "')"));
                continue;
            }
            try {
                nodes.add(DifyDsl.JSON.treeToValue(node, NodeDef.class));
                nodeIndex.add(i);
            } catch (JacksonException e) {
                errors.add(JsonPaths.fromJackson(path, e));
            }
        }
        List<EdgeDef> edges = readList(graph.get("edges"), "$.workflow.graph.edges", EdgeDef.class, errors);
        List<EnvironmentVariable> env = environment(workflow.get("environment_variables"), errors);
        List<ConversationVariable> conversation = conversation(workflow.get("conversation_variables"), errors);
        Map<String, Object> viewport = map(graph.get("viewport"), "$.workflow.graph.viewport", errors);
        Map<String, Object> features = map(workflow.get("features"), "$.workflow.features", errors);
        if (!unsupported.isEmpty()) {
            throw new DefinitionException(String.join("; ", unsupported), errors);
        }
        if (!errors.isEmpty()) {
            throw new DefinitionException(errors);
        }
        AppDefinition def = new AppDefinition(AppDefinition.SCHEMA, mode, new GraphDef(nodes, edges, viewport), env, conversation, features);
        return new WorkflowImport(def, nodeIndex.stream().mapToInt(Integer::intValue).toArray());
    }

    private static <T> List<T> readList(JsonNode list, String path, Class<T> type, List<ValidationError> errors) {
        List<T> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            errors.add(new ValidationError(path, "must be a list"));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(DifyDsl.JSON.treeToValue(list.get(i), type));
            } catch (JacksonException e) {
                errors.add(JsonPaths.fromJackson(JsonPaths.index(path, i), e));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node, String path, List<ValidationError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new ValidationError(path, "must be a mapping"));
            return null;
        }
        return DifyDsl.JSON.convertValue(node, Map.class);
    }

    private static List<EnvironmentVariable> environment(JsonNode list, List<ValidationError> errors) {
        List<EnvironmentVariable> out = new ArrayList<>();
        forEachVariable(list, "$.workflow.environment_variables", errors, (v, path) -> {
            String type = text(v, "value_type");
            if (!ENV_TYPES.contains(type)) {
                errors.add(new ValidationError(path + ".value_type",
                        "environment variable type '" + type + "' is not one of string, number, secret"));
                return;
            }
            Object value = "secret".equals(type) ? "" : plain(v.get("value"));
            out.add(new EnvironmentVariable(textOrNull(v, "id"), text(v, "name"), type, value, textOrNull(v, "description")));
        });
        return out;
    }

    private static List<ConversationVariable> conversation(JsonNode list, List<ValidationError> errors) {
        List<ConversationVariable> out = new ArrayList<>();
        forEachVariable(list, "$.workflow.conversation_variables", errors, (v, path) -> {
            String type = text(v, "value_type");
            if (type.isBlank()) {
                errors.add(new ValidationError(path + ".value_type", "the conversation variable type is missing"));
                return;
            }
            out.add(new ConversationVariable(textOrNull(v, "id"), text(v, "name"), type, plain(v.get("value")), textOrNull(v, "description")));
        });
        return out;
    }

    private interface VariableReader {
        void read(JsonNode variable, String path);
    }

    private static void forEachVariable(JsonNode list, String path, List<ValidationError> errors, VariableReader reader) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            errors.add(new ValidationError(path, "must be a list"));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode v = list.get(i);
            String p = JsonPaths.index(path, i);
            if (!v.isObject()) {
                errors.add(new ValidationError(p, "a variable must be a mapping"));
            } else if (text(v, "name").isBlank()) {
                errors.add(new ValidationError(p + ".name", "the variable name is missing"));
            } else {
                reader.read(v, p);
            }
        }
    }

    /** A definition path in the file's terms: nodes by their index in the file, names as Dify writes them. */
    static String toFilePath(String path, int[] nodeIndex) {
        Matcher m = NODE_PATH.matcher(path);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            return "$.workflow.graph.nodes[" + (k < nodeIndex.length ? nodeIndex[k] : k) + "]" + m.group(2);
        }
        if (path.startsWith("$.graph")) {
            return "$.workflow" + path.substring(1);
        }
        if (path.startsWith("$.environmentVariables")) {
            return "$.workflow.environment_variables" + path.substring("$.environmentVariables".length());
        }
        if (path.startsWith("$.conversationVariables")) {
            return "$.workflow.conversation_variables" + path.substring("$.conversationVariables".length());
        }
        return "$.mode".equals(path) ? "$.app.mode" : path;
    }

    private static Object plain(JsonNode value) {
        return value == null || value.isNull() ? null : DifyDsl.JSON.convertValue(value, Object.class);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.isContainer() ? "" : v.asString();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
