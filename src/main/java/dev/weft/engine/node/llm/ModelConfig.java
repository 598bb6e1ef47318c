package dev.weft.engine.node.llm;

import java.util.Map;

/**
 * The model a node calls, as Dify writes it: {@code provider} (a configured provider's name, or Dify's
 * {@code langgenius/openai/openai}), {@code name} (the model sent upstream), {@code mode} ({@code chat} or
 * {@code completion}) and {@code completion_params} (temperature, top_p, max_tokens, ...).
 */
public record ModelConfig(String provider, String name, String mode, Map<String, Object> completionParams) {

    public ModelConfig {
        completionParams = completionParams == null ? Map.of() : completionParams;
    }

    public boolean completionMode() {
        return "completion".equals(mode);
    }
}
