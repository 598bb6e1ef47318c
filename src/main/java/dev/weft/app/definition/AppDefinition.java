package dev.weft.app.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A Weft app definition, schema {@code weft/v1}: the mode, the graph in Dify's React Flow shape,
 * environment and conversation variables, and the chat features (opening statement and so on).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppDefinition(
        String schema,
        AppMode mode,
        GraphDef graph,
        List<EnvironmentVariable> environmentVariables,
        List<ConversationVariable> conversationVariables,
        Map<String, Object> features) {

    public static final String SCHEMA = "weft/v1";

    public AppDefinition {
        schema = schema == null ? SCHEMA : schema;
        graph = graph == null ? GraphDef.empty() : graph;
        environmentVariables = environmentVariables == null ? List.of() : List.copyOf(environmentVariables);
        conversationVariables = conversationVariables == null ? List.of() : List.copyOf(conversationVariables);
        features = features == null ? Map.of() : features;
    }

    public AppDefinition withGraph(GraphDef newGraph) {
        return new AppDefinition(schema, mode, newGraph, environmentVariables, conversationVariables, features);
    }

    public AppDefinition withEnvironmentVariables(List<EnvironmentVariable> variables) {
        return new AppDefinition(schema, mode, graph, variables, conversationVariables, features);
    }
}
