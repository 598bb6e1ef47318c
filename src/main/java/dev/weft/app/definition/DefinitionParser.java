package dev.weft.app.definition;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes app definitions as JSON. Reading reports every problem as a {@link ValidationError}
 * with its path: bad JSON names the line and column where parsing stopped, a wrong type or an unknown
 * mode names the value. Unknown UI fields of nodes and edges are kept in their {@code extra} maps.
 * Checking the graph itself is {@code engine.graph.GraphValidator}'s job.
 */
@Component
public class DefinitionParser {

    /** The mapper for definitions: records as they are named (camelCase), unknown keys rejected outside nodes and edges. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // helpers such as EnvironmentVariable.isSecret() are not properties
            .changeDefaultVisibility(vc -> vc.withIsGetterVisibility(JsonAutoDetect.Visibility.NONE))
            .build();

    /** Parses {@code json}; throws {@link DefinitionException} naming where it is wrong. */
    public AppDefinition parse(String json) {
        if (json == null || json.isBlank()) {
            throw new DefinitionException(List.of(new ValidationError(JsonPaths.ROOT, "the definition is empty")));
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new DefinitionException(List.of(JsonPaths.fromJackson(JsonPaths.ROOT, e)));
        }
        return fromTree(tree);
    }

    /** Binds an already parsed JSON tree; throws {@link DefinitionException} naming where it is wrong. */
    public AppDefinition fromTree(JsonNode tree) {
        List<ValidationError> errors = new ArrayList<>();
        if (tree == null || !tree.isObject()) {
            errors.add(new ValidationError(JsonPaths.ROOT, "the definition must be a JSON object"));
            throw new DefinitionException(errors);
        }
        JsonNode schema = tree.get("schema");
        if (schema != null && !schema.isNull() && !AppDefinition.SCHEMA.equals(schema.asString())) {
            errors.add(new ValidationError("$.schema",
                    "unknown schema '" + schema.asString() + "'; expected '" + AppDefinition.SCHEMA + "'"));
        }
        JsonNode mode = tree.get("mode");
        if (mode == null || mode.isNull()) {
            errors.add(new ValidationError("$.mode", "mode is missing; expected one of chat, completion, workflow, advanced-chat"));
        }
        if (!errors.isEmpty()) {
            throw new DefinitionException(errors);
        }
        try {
            return MAPPER.treeToValue(tree, AppDefinition.class);
        } catch (JacksonException e) {
            throw new DefinitionException(List.of(JsonPaths.fromJackson(JsonPaths.ROOT, e)));
        }
    }

    /** The definition as compact JSON. */
    public String toJson(AppDefinition definition) {
        return MAPPER.writeValueAsString(definition);
    }

    /** The definition as indented JSON, for files and diffs. */
    public String toPrettyJson(AppDefinition definition) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(definition);
    }

    /** The definition as a JSON tree. */
    public JsonNode toTree(AppDefinition definition) {
        return MAPPER.valueToTree(definition);
    }
}
