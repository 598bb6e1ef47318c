package dev.weft.engine.node.parameterextractor;

import dev.weft.engine.node.ChatTurn;
import dev.weft.engine.node.llm.ConversationMemory;
import dev.weft.engine.variable.Values;
import dev.weft.model.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The messages asking a model to extract parameters as one JSON object, described by a JSON schema. */
final class ExtractionPrompt {

    private ExtractionPrompt() {}

    static List<ChatMessage> build(List<ParameterExtractorConfig.ParameterDef> parameters, String instruction, String query, List<ChatTurn> turns) {
        StringBuilder system = new StringBuilder()
                .append("You extract parameters from the user's text. The parameters are described by this JSON schema:\n")
                .append(Values.JSON.writeValueAsString(schema(parameters))).append('\n');
        if (instruction != null && !instruction.isBlank()) {
            system.append("Instructions:\n").append(instruction.strip()).append('\n');
        }
        system.append("Reply with one JSON object and nothing else. Its keys are the parameter names. ")
                .append("Leave out a parameter the text does not give; do not invent values.");
        List<ChatMessage> messages = List.of(ChatMessage.system(system.toString()), ChatMessage.user(query));
        return ConversationMemory.insertBeforeLastUser(messages, turns);
    }

    static Map<String, Object> schema(List<ParameterExtractorConfig.ParameterDef> parameters) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (ParameterExtractorConfig.ParameterDef p : parameters) {
            ParameterType type = ParameterType.of(p.type()).orElse(ParameterType.STRING);
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("type", type.jsonType());
            if (type.isArray()) {
                property.put("items", Map.of("type", type.itemJsonType()));
            }
            if (type == ParameterType.SELECT && !p.options().isEmpty()) {
                property.put("enum", p.options());
            }
            if (p.description() != null && !p.description().isBlank()) {
                property.put("description", p.description());
            }
            properties.put(p.name(), property);
            if (p.required()) {
                required.add(p.name());
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        return schema;
    }
}
