package dev.weft.engine.node.llm;

import java.util.List;
import java.util.Map;

/**
 * The {@code data} of an {@code llm} node. {@code prompt_template} is a list of messages in chat mode or a
 * single {@code {text}} object in completion mode; both bind to the list (a single object becomes a list of one).
 * {@code vision} is not read yet.
 */
public record LlmConfig(
        ModelConfig model,
        List<PromptMessage> promptTemplate,
        PromptConfig promptConfig,
        ContextConfig context,
        MemoryConfig memory,
        StructuredOutput structuredOutput,
        boolean structuredOutputSwitchOn,
        boolean structuredOutputEnabled) {

    public LlmConfig {
        promptTemplate = promptTemplate == null ? List.of() : promptTemplate;
    }

    /** {@code jinja2_variables}: names a Jinja2 prompt can use, each bound to a variable of the run. */
    public record PromptConfig(List<Jinja2Variable> jinja2Variables) {

        public PromptConfig {
            jinja2Variables = jinja2Variables == null ? List.of() : jinja2Variables;
        }
    }

    public record Jinja2Variable(String variable, List<String> valueSelector) {}

    /** Knowledge or other text put where a prompt says {@code {{#context#}}}. */
    public record ContextConfig(boolean enabled, List<String> variableSelector) {}

    /** The JSON schema the reply must follow when structured output is on. */
    public record StructuredOutput(Map<String, Object> schema) {}

    public boolean structuredOutputOn() {
        return structuredOutputSwitchOn || structuredOutputEnabled;
    }

    public boolean contextOn() {
        return context != null && context.enabled() && context.variableSelector() != null && context.variableSelector().size() >= 2;
    }

    public List<Jinja2Variable> jinja2Variables() {
        return promptConfig == null ? List.of() : promptConfig.jinja2Variables();
    }
}
