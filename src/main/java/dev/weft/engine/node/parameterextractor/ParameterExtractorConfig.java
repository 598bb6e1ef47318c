package dev.weft.engine.node.parameterextractor;

import dev.weft.engine.node.llm.MemoryConfig;
import dev.weft.engine.node.llm.ModelConfig;
import java.util.List;

/**
 * The {@code data} of a {@code parameter-extractor} node: the text to read ({@code query}, a selector), the
 * parameters to extract, an optional {@code instruction}, {@code reasoning_mode} ({@code function_call} or
 * {@code prompt}; both ask for a JSON reply for now) and optional conversation memory.
 */
public record ParameterExtractorConfig(
        ModelConfig model, List<String> query, List<ParameterDef> parameters, String instruction, String reasoningMode, MemoryConfig memory) {

    public ParameterExtractorConfig {
        parameters = parameters == null ? List.of() : parameters;
    }

    /**
     * One parameter: {@code type} is {@code string}, {@code number}, {@code bool}/{@code boolean}, {@code select}
     * (one of {@code options}) or {@code array[string|number|object|boolean]}.
     */
    public record ParameterDef(String name, String type, List<String> options, String description, boolean required) {

        public ParameterDef {
            options = options == null ? List.of() : options;
        }
    }
}
