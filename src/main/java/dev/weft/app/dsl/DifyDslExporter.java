package dev.weft.app.dsl;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.ConversationVariable;
import dev.weft.app.definition.EnvironmentVariable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an app as a Dify DSL file (YAML, version {@value DifyDsl#VERSION}): {@code app}, the
 * {@code workflow} with its graph exactly as stored (UI fields included), features, environment and
 * conversation variables, and an empty {@code dependencies} list. Secret environment values are blanked
 * unless {@code includeSecrets}; pass plain (decrypted) values when including them.
 */
@Component
public class DifyDslExporter {

    public String exportYaml(String name, String description, String icon, AppDefinition def, boolean includeSecrets) {
        ObjectNode root = DifyDsl.YAML.createObjectNode();
        root.put("version", DifyDsl.VERSION);
        root.put("kind", "app");
        ObjectNode app = root.putObject("app");
        app.put("name", name);
        app.put("mode", def.mode() == null ? null : def.mode().value());
        app.put("icon", icon == null || icon.isBlank() ? "🤖" : icon);
        app.put("icon_type", "emoji");
        app.put("icon_background", "#FFEAD5");
        app.put("description", description == null ? "" : description);
        app.put("use_icon_as_answer_icon", false);
        root.putArray("dependencies");
        ObjectNode workflow = root.putObject("workflow");
        ArrayNode conversation = workflow.putArray("conversation_variables");
        for (ConversationVariable v : def.conversationVariables()) {
            variable(conversation.addObject(), v.id(), v.name(), "conversation", v.valueType(), v.value(), v.description());
        }
        ArrayNode environment = workflow.putArray("environment_variables");
        for (EnvironmentVariable v : def.environmentVariables()) {
            Object value = v.isSecret() && !includeSecrets ? "" : v.value();
            variable(environment.addObject(), v.id(), v.name(), "env", v.valueType(), value, v.description());
        }
        workflow.set("features", DifyDsl.JSON.valueToTree(def.features()));
        ObjectNode graph = DifyDsl.JSON.valueToTree(def.graph());
        tidyPositions(graph);
        workflow.set("graph", graph);
        return DifyDsl.YAML.writeValueAsString(root);
    }

    private static void variable(ObjectNode out, String id, String name, String scope, String type, Object value, String description) {
        out.put("description", description == null ? "" : description);
        out.put("id", id);
        out.put("name", name);
        out.putArray("selector").add(scope).add(name);
        out.set("value", DifyDsl.JSON.valueToTree(value));
        out.put("value_type", type);
    }

    /** Writes whole-number positions as integers, as Dify does ({@code x: 30}, not {@code x: 30.0}). */
    private static void tidyPositions(ObjectNode graph) {
        JsonNode nodes = graph.get("nodes");
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            if (nodes.get(i).get("position") instanceof ObjectNode position) {
                for (String axis : new String[] {"x", "y"}) {
                    JsonNode v = position.get(axis);
                    if (v != null && v.isDouble() && v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 1e15) {
                        position.put(axis, (long) v.doubleValue());
                    }
                }
            }
        }
    }
}
