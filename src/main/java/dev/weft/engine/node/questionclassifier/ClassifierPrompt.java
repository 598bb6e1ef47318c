package dev.weft.engine.node.questionclassifier;

import dev.weft.engine.node.ChatTurn;
import dev.weft.engine.node.llm.ConversationMemory;
import dev.weft.engine.variable.Values;
import dev.weft.model.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The messages asking a model to pick one class, replying with {@code {"category_id", "category_name"}}. */
final class ClassifierPrompt {

    private ClassifierPrompt() {}

    static List<ChatMessage> build(List<QuestionClassifierConfig.ClassDef> classes, String instruction, String query, List<ChatTurn> turns) {
        List<Map<String, Object>> categories = new ArrayList<>();
        for (QuestionClassifierConfig.ClassDef c : classes) {
            Map<String, Object> category = new LinkedHashMap<>();
            category.put("category_id", c.id());
            category.put("category_name", c.name());
            categories.add(category);
        }
        StringBuilder system = new StringBuilder()
                .append("You are a text classification engine. Decide which one of the categories below the user's input belongs to.\n")
                .append("Categories:\n")
                .append(Values.JSON.writeValueAsString(categories)).append('\n');
        if (instruction != null && !instruction.isBlank()) {
            system.append("Follow these instructions when classifying:\n").append(instruction.strip()).append('\n');
        }
        system.append("Reply with one JSON object and nothing else, in this form: ")
                .append("{\"category_id\": \"<id of the chosen category>\", \"category_name\": \"<its name>\"}");
        List<ChatMessage> messages = List.of(ChatMessage.system(system.toString()), ChatMessage.user(query));
        return ConversationMemory.insertBeforeLastUser(messages, turns);
    }
}
