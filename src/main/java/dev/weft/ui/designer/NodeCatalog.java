package dev.weft.ui.designer;

import dev.weft.app.definition.AppMode;
import dev.weft.engine.graph.NodeRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node types the designer's palette offers, in palette order, with their labels, one-line descriptions and
 * the data a new node of the type starts with. Built from the engine's {@link NodeRegistry}: every type the
 * engine runs is offered except the start node (one per app, never added by hand), the iteration's own start
 * marker and the legacy {@code variable-assigner} (the variable aggregator under its old name).
 */
public final class NodeCatalog {

    /** A palette entry; {@code group} is the palette section. */
    public record Entry(String type, String label, String group, String description) {}

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final List<Entry> KNOWN = List.of(
            new Entry("start", "Start", "Basics", "Where a run begins; declares the inputs the user fills in."),
            new Entry("llm", "LLM", "Basics", "Calls a language model with a prompt built from variables."),
            new Entry("knowledge-retrieval", "Knowledge Retrieval", "Basics", "Finds passages in knowledge bases for a query."),
            new Entry("answer", "Answer", "Basics", "Replies to the user in a chat; streams as variables arrive."),
            new Entry("end", "End", "Basics", "Ends a workflow and names its outputs."),
            new Entry("question-classifier", "Question Classifier", "Logic", "Sends the question down one branch per class."),
            new Entry("if-else", "IF/ELSE", "Logic", "Branches on conditions over variables."),
            new Entry("iteration", "Iteration", "Logic", "Runs the nodes inside it once per item of a list."),
            new Entry("template-transform", "Template", "Transform", "Builds text from variables with a Jinja2 template."),
            new Entry("variable-aggregator", "Variable Aggregator", "Transform", "Takes the first value that is set among several branches."),
            new Entry("assigner", "Variable Assigner", "Transform", "Writes conversation variables."),
            new Entry("parameter-extractor", "Parameter Extractor", "Transform", "Has a model pull structured parameters out of text."),
            new Entry("document-extractor", "Document Extractor", "Transform", "Turns uploaded files into text."),
            new Entry("list-operator", "List Operator", "Transform", "Filters, sorts, picks and limits list items."),
            new Entry("http-request", "HTTP Request", "Tools", "Calls an HTTP API; the response is the node's output."));

    private static final List<String> HIDDEN = List.of("start", "iteration-start", "variable-assigner");

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    public NodeCatalog(List<String> engineTypes) {
        for (Entry e : KNOWN) {
            if (engineTypes.contains(e.type())) {
                entries.put(e.type(), e);
            }
        }
        for (String type : engineTypes) {
            entries.putIfAbsent(type, new Entry(type, type, "Other", "A " + type + " node."));
        }
    }

    public static NodeCatalog of(NodeRegistry registry) {
        return new NodeCatalog(registry.types());
    }

    /** The entries a palette shows for an app of this mode: answer only in chat apps, end only in the others. */
    public List<Entry> palette(AppMode mode) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (HIDDEN.contains(e.type())
                    || mode != null && mode.isChat() && e.type().equals("end")
                    || mode != null && !mode.isChat() && e.type().equals("answer")) {
                continue;
            }
            out.add(e);
        }
        return out;
    }

    public Optional<Entry> entry(String type) {
        return Optional.ofNullable(type == null ? null : entries.get(type));
    }

    public String label(String type) {
        return entry(type).map(Entry::label).orElse(type == null ? "Node" : type);
    }

    /**
     * The data a new node of {@code type} starts with: its type and title plus the config a Dify editor would
     * write. LLM-based nodes call {@code provider}/{@code model} (blank when the workspace has no provider yet).
     */
    public ObjectNode defaultData(String type, String title, AppMode mode, String provider, String model) {
        ObjectNode data = JSON.objectNode();
        data.put("type", type);
        data.put("title", title);
        data.put("desc", "");
        boolean chat = mode != null && mode.isChat();
        switch (type) {
            case "start" -> data.putArray("variables");
            case "llm" -> {
                model(data, provider, model);
                ArrayNode prompt = data.putArray("prompt_template");
                prompt.addObject().put("role", "system").put("text", "");
                if (chat) {
                    prompt.addObject().put("role", "user").put("text", "{{#sys.query#}}");
                    data.putObject("memory").putObject("window").put("enabled", true).put("size", 10);
                }
                data.putObject("context").put("enabled", false).putArray("variable_selector");
                data.putObject("vision").put("enabled", false);
            }
            case "knowledge-retrieval" -> {
                ArrayNode query = data.putArray("query_variable_selector");
                if (chat) {
                    query.add("sys").add("query");
                }
                data.putArray("dataset_ids");
                data.put("retrieval_mode", "multiple");
                data.putObject("multiple_retrieval_config").put("top_k", 4).put("reranking_enable", false);
            }
            case "answer" -> data.put("answer", "");
            case "end" -> data.putArray("outputs");
            case "question-classifier" -> {
                ArrayNode query = data.putArray("query_variable_selector");
                if (chat) {
                    query.add("sys").add("query");
                }
                model(data, provider, model);
                ArrayNode classes = data.putArray("classes");
                classes.addObject().put("id", "1").put("name", "");
                classes.addObject().put("id", "2").put("name", "");
                data.put("instruction", "");
            }
            case "if-else" -> {
                ObjectNode first = data.putArray("cases").addObject();
                first.put("case_id", "true").put("logical_operator", "and").putArray("conditions");
            }
            case "iteration" -> {
                data.putArray("iterator_selector");
                data.putArray("output_selector");
                data.put("is_parallel", false);
                data.put("parallel_nums", 10);
                data.put("error_handle_mode", "terminated");
            }
            case "iteration-start" -> data.put("isInIteration", true);
            case "template-transform" -> {
                data.putArray("variables");
                data.put("template", "");
            }
            case "variable-aggregator" -> {
                data.put("output_type", "string");
                data.putArray("variables");
            }
            case "assigner" -> {
                data.put("version", "2");
                data.putArray("items");
            }
            case "parameter-extractor" -> {
                model(data, provider, model);
                ArrayNode query = data.putArray("query");
                if (chat) {
                    query.add("sys").add("query");
                }
                data.putArray("parameters");
                data.put("instruction", "");
                data.put("reasoning_mode", "prompt");
            }
            case "document-extractor" -> {
                data.putArray("variable_selector");
                data.put("is_array_file", false);
            }
            case "list-operator" -> {
                data.putArray("variable");
                data.putObject("filter_by").put("enabled", false).putArray("conditions");
                data.putObject("extract_by").put("enabled", false).put("serial", "1");
                data.putObject("order_by").put("enabled", false).put("key", "").put("value", "asc");
                data.putObject("limit").put("enabled", false).put("size", 10);
            }
            case "http-request" -> {
                data.put("method", "get");
                data.put("url", "");
                data.putObject("authorization").put("type", "no-auth");
                data.put("headers", "");
                data.put("params", "");
                data.putObject("body").put("type", "none").putArray("data");
                data.putObject("timeout");
            }
            default -> { }
        }
        return data;
    }

    private static void model(ObjectNode data, String provider, String model) {
        data.putObject("model")
                .put("provider", provider == null ? "" : provider)
                .put("name", model == null ? "" : model)
                .put("mode", "chat")
                .putObject("completion_params");
    }
}
