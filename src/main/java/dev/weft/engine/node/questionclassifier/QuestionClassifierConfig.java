package dev.weft.engine.node.questionclassifier;

import dev.weft.engine.node.llm.MemoryConfig;
import dev.weft.engine.node.llm.ModelConfig;
import java.util.List;

/**
 * The {@code data} of a {@code question-classifier} node: the text to classify ({@code query_variable_selector}),
 * the model, the classes (each class {@code id} is also the handle of the edges leaving for that class),
 * an optional {@code instruction} with {@code {{#node.var#}}} references, and optional conversation memory.
 */
public record QuestionClassifierConfig(
        List<String> queryVariableSelector, ModelConfig model, List<ClassDef> classes, String instruction, MemoryConfig memory) {

    public QuestionClassifierConfig {
        classes = classes == null ? List.of() : classes;
    }

    /** One class: {@code name} describes the topic; {@code label} is an optional short title. */
    public record ClassDef(String id, String name, String label) {}
}
