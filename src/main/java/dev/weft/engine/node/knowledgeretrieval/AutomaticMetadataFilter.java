package dev.weft.engine.node.knowledgeretrieval;

import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.llm.ModelCaller;
import dev.weft.engine.node.llm.ModelConfig;
import dev.weft.knowledge.retrieve.MetadataCondition;
import dev.weft.knowledge.retrieve.MetadataFilter;
import dev.weft.model.ChatMessage;
import dev.weft.model.ChatResponse;
import dev.weft.model.TokenUsage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dify's {@code metadata_filtering_mode: automatic}: a model reads the query and the knowledge bases' metadata
 * fields and answers with the conditions the query implies ("reports from 2023 by finance" → {@code year = 2023},
 * {@code department is finance}), which then filter the search. Fields the model invents and operators Dify does not
 * have are dropped; conditions are joined with {@code and}, as in Dify. A query that implies no condition, or a model
 * answer that is not the expected JSON, searches without a filter, and the trace says why.
 */
public final class AutomaticMetadataFilter {

    /** Dify's comparison operators that take a value (empty / not empty make no sense to guess from a query). */
    static final Set<String> OPERATORS = Set.of("contains", "not contains", "start with", "end with", "is", "is not",
            "in", "not in", "=", "≠", ">", "<", "≥", "≤", "before", "after");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SYSTEM_PROMPT = """
            ### Job Description
            You are a text metadata extract engine that extracts a text's metadata from the user's input and sets the \
            metadata values.
            ### Task
            Extract ONLY the metadata that appears in the input text, choosing fields from the given metadata_fields \
            list, and express each with one of these comparison operators: ["contains", "not contains", "start with", \
            "end with", "is", "is not", "in", "not in", "=", "≠", ">", "<", "≥", "≤", "before", "after"]. Dates are \
            written as ISO-8601 (2024-05-01 or 2024-05-01T00:00:00Z).
            ### Format
            The input is a JSON object: input_text is the user's query, metadata_fields the field names. Answer with \
            a JSON object with the key "metadata_map" whose value is an array of objects with the keys \
            "metadata_field_name", "metadata_field_value" and "comparison_operator". If the text names no metadata, \
            answer {"metadata_map": []}.
            ### Constraint
            DO NOT include anything other than the JSON object in your answer.
            ### Example
            input: {"input_text": "I want to know which company's email address test@example.com is?", \
            "metadata_fields": ["filename", "email", "phone", "address"]}
            output: {"metadata_map": [{"metadata_field_name": "email", "metadata_field_value": "test@example.com", \
            "comparison_operator": "="}]}
            input: {"input_text": "What are the requirements for a mortgage in the 2023 policy?", \
            "metadata_fields": ["document_name", "year", "department"]}
            output: {"metadata_map": [{"metadata_field_name": "year", "metadata_field_value": "2023", \
            "comparison_operator": "="}]}
            """;

    /** The filter, what the model answered, and the tokens it used; {@code note} says why no filter applies, or null. */
    public record Result(MetadataFilter filter, TokenUsage usage, String answer, String note) {

        Map<String, Object> trace() {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("mode", "automatic");
            t.put("conditions", filter.conditions().stream().map(c -> Map.of("name", c.name(),
                    "comparison_operator", c.comparisonOperator(), "value", c.value() == null ? "" : c.value())).toList());
            if (answer != null) {
                t.put("model_answer", answer);
            }
            if (note != null) {
                t.put("note", note);
            }
            return t;
        }
    }

    private final ModelCaller models;

    public AutomaticMetadataFilter(ModelCaller models) {
        this.models = models;
    }

    /**
     * Asks {@code model} for the conditions {@code query} implies over {@code fields}. A node without a model is an
     * error (the node cannot do what it is set to do); a model call that fails is the node's error too.
     */
    public Result derive(ModelConfig model, String query, Collection<String> fields, NodeContext context) {
        if (fields.isEmpty()) {
            return new Result(MetadataFilter.NONE, TokenUsage.NONE, null, "the knowledge bases have no metadata fields yet");
        }
        if (model == null || model.provider() == null || model.provider().isBlank()) {
            throw new NodeExecutionException("KnowledgeRetrievalNodeError", "automatic metadata filtering needs a model: "
                    + "choose one under the node's metadata filtering settings (metadata_model_config)");
        }
        String input = JSON.writeValueAsString(Map.of("input_text", query, "metadata_fields", List.copyOf(fields)));
        ChatResponse response = models.call(model, List.of(ChatMessage.system(SYSTEM_PROMPT), ChatMessage.user(input)),
                null, context, null);
        return parse(response.text(), fields, response.usage());
    }

    /** Reads the model's answer; tolerant of code fences and text around the JSON object. */
    static Result parse(String answer, Collection<String> fields, TokenUsage usage) {
        String text = answer == null ? "" : answer.strip();
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return new Result(MetadataFilter.NONE, usage, answer, "the model's answer holds no JSON object; searched without a filter");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text.substring(start, end + 1));
        } catch (JacksonException e) {
            return new Result(MetadataFilter.NONE, usage, answer,
                    "the model's answer is not valid JSON (" + e.getOriginalMessage() + "); searched without a filter");
        }
        JsonNode map = root.path("metadata_map");
        if (!map.isArray()) {
            return new Result(MetadataFilter.NONE, usage, answer, "the model's answer has no metadata_map array; searched without a filter");
        }
        List<MetadataCondition> conditions = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (JsonNode item : map) {
            String name = item.path("metadata_field_name").asString("").strip();
            String operator = item.path("comparison_operator").asString("").strip();
            JsonNode valueNode = item.path("metadata_field_value");
            String value = valueNode.isArray()
                    ? String.join(",", valueNode.valueStream().map(v -> v.asString("")).toList())
                    : valueNode.isMissingNode() || valueNode.isNull() ? "" : valueNode.asString("").strip();
            if (!fields.contains(name) || !OPERATORS.contains(operator) || value.isEmpty()) {
                dropped.add(name + " " + operator + " " + value);
                continue;
            }
            conditions.add(new MetadataCondition(name, operator, value));
        }
        String note = dropped.isEmpty() ? null
                : "dropped conditions with an unknown field, an unknown operator or no value: " + String.join("; ", dropped);
        if (conditions.isEmpty() && note == null) {
            note = "the query names no metadata; searched without a filter";
        }
        return new Result(new MetadataFilter("and", conditions), usage, answer, note);
    }
}
