package dev.weft.engine.node.llm;

import dev.weft.model.gateway.GatewayPolicy;
import dev.weft.model.gateway.GatewayPolicyException;
import dev.weft.model.gateway.GatewayPolicyParser;
import java.util.Map;

/**
 * The model a node calls, as Dify writes it: {@code provider} (a configured provider's name, or Dify's
 * {@code langgenius/openai/openai}), {@code name} (the model sent upstream), {@code mode} ({@code chat} or
 * {@code completion}) and {@code completion_params} (temperature, top_p, max_tokens, ...). {@code gateway}
 * (Weft's) is the node's model gateway policy, as {@link GatewayPolicyParser} reads it; it overrides the app's
 * and the workspace's.
 */
public record ModelConfig(String provider, String name, String mode, Map<String, Object> completionParams,
        Map<String, Object> gateway) {

    public ModelConfig {
        completionParams = completionParams == null ? Map.of() : completionParams;
    }

    public ModelConfig(String provider, String name, String mode, Map<String, Object> completionParams) {
        this(provider, name, mode, completionParams, null);
    }

    /** The node's gateway policy; throws {@link GatewayPolicyException} naming the wrong field under {@code model.gateway}. */
    public GatewayPolicy gatewayPolicy() {
        return GatewayPolicyParser.parse(gateway, "model.gateway");
    }

    public boolean completionMode() {
        return "completion".equals(mode);
    }
}
