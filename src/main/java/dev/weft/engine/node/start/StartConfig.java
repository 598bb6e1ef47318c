package dev.weft.engine.node.start;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The start ("User Input") node: the app's input variables, as Dify's {@code variables[]}. */
public record StartConfig(List<InputVariable> variables) {

    public StartConfig {
        variables = variables == null ? List.of() : variables;
    }

    /**
     * One input. {@code type}: text-input, paragraph, select, number, checkbox, json_object, file, file-list.
     */
    public record InputVariable(
            String variable,
            String label,
            String type,
            Boolean required,
            @JsonProperty("default") Object defaultValue,
            Integer maxLength,
            List<String> options) {

        public boolean isRequired() {
            return Boolean.TRUE.equals(required);
        }
    }
}
