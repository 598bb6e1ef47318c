package dev.weft.engine.node.llm;

import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.model.CallCost;
import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModel;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import dev.weft.model.gateway.BudgetExceededException;
import dev.weft.model.gateway.CallScope;
import dev.weft.model.gateway.GatewayPolicy;
import dev.weft.model.gateway.GatewayPolicyException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Calls the model a node names, for the LLM, question classifier and parameter extractor nodes, through the
 * model gateway with the node's own gateway policy ({@code model.gateway}) and the run's app and API key.
 * Checks for a stopped run before the call and before each streamed delta; a failed call becomes a
 * {@link NodeExecutionException} of type {@value #ERROR_TYPE} carrying the upstream message, a spent budget
 * one of type {@value #BUDGET_ERROR_TYPE} and a malformed node policy one of type {@value #GATEWAY_CONFIG_ERROR_TYPE}.
 */
public final class ModelCaller {

    public static final String ERROR_TYPE = "ModelInvokeError";
    public static final String BUDGET_ERROR_TYPE = "ModelBudgetExceeded";
    public static final String GATEWAY_CONFIG_ERROR_TYPE = "GatewayConfigError";

    private final ChatModelResolver resolver;
    private final String nodeKind;

    /** @param nodeKind how error messages name the calling node's kind: "LLM", "question classifier", ... */
    public ModelCaller(ChatModelResolver resolver, String nodeKind) {
        this.resolver = resolver;
        this.nodeKind = nodeKind;
    }

    /** Calls the model; streams when {@code onDelta} is not null. */
    public ChatResponse call(ModelConfig model, List<ChatMessage> messages, Map<String, Object> jsonSchema,
            NodeContext context, Consumer<String> onDelta) {
        if (model == null || model.provider() == null || model.provider().isBlank()) {
            throw new NodeExecutionException(ERROR_TYPE, noModelMessage(nodeKind, context.title()));
        }
        context.checkCancelled();
        GatewayPolicy policy;
        try {
            policy = model.gatewayPolicy();
        } catch (GatewayPolicyException e) {
            throw new NodeExecutionException(GATEWAY_CONFIG_ERROR_TYPE, "The " + nodeKind + " node '" + context.title()
                    + "' has a malformed gateway policy: " + e.getMessage(), e);
        }
        CallScope scope = new CallScope(null, context.appId(), context.apiKeyId(), policy);
        try {
            ChatModel chatModel = resolver.resolve(model.provider(), model.name(), scope);
            ChatRequest request = new ChatRequest(model.name(), messages, model.completionParams(), jsonSchema);
            if (onDelta == null) {
                return chatModel.chat(request, null);
            }
            return chatModel.chat(request, delta -> {
                context.checkCancelled();
                onDelta.accept(delta);
            });
        } catch (BudgetExceededException e) {
            throw new NodeExecutionException(BUDGET_ERROR_TYPE, "model " + describe(model) + " was not called: " + e.getMessage(), e);
        } catch (ModelException e) {
            throw new NodeExecutionException(ERROR_TYPE, "model " + describe(model) + " failed: " + e.getMessage(), e);
        }
    }

    /** What a node without a model says: which node, and where to fix it. */
    public static String noModelMessage(String nodeKind, String title) {
        return "The " + nodeKind + " node '" + title + "' has no model: choose a provider and model,"
                + " or add one under Settings → Model providers.";
    }

    /**
     * {@code {prompt_tokens, completion_tokens, total_tokens, prompt_price, completion_price, total_price,
     * currency}} as Dify shows usage (prices as decimal strings), and {@code price_note} when the catalogue did
     * not know the model.
     */
    public static Map<String, Object> usageMap(ChatResponse response) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(usageMap(response.usage()));
        CallCost cost = response.cost();
        m.put("prompt_price", plain(cost.inputPrice()));
        m.put("completion_price", plain(cost.outputPrice()));
        m.put("total_price", plain(cost.totalPrice()));
        m.put("currency", cost.currency());
        if (!cost.priced()) {
            m.put("price_note", "the model is not in the model catalogue, so its cost is counted as 0;"
                    + " add it with its prices under Settings > Model catalogue");
        }
        return m;
    }

    public static TokenUsageSummary summary(ChatResponse response) {
        TokenUsage u = response.usage() == null ? TokenUsage.NONE : response.usage();
        return new TokenUsageSummary(u.promptTokens(), u.completionTokens(), u.totalTokens(),
                response.cost().inputPrice(), response.cost().outputPrice());
    }

    private static String plain(java.math.BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /** {@code {prompt_tokens, completion_tokens, total_tokens}}, as Dify shows usage. */
    public static Map<String, Object> usageMap(TokenUsage usage) {
        TokenUsage u = usage == null ? TokenUsage.NONE : usage;
        return Map.of("prompt_tokens", u.promptTokens(), "completion_tokens", u.completionTokens(), "total_tokens", u.totalTokens());
    }

    public static TokenUsageSummary summary(TokenUsage usage) {
        TokenUsage u = usage == null ? TokenUsage.NONE : usage;
        return new TokenUsageSummary(u.promptTokens(), u.completionTokens(), u.totalTokens());
    }

    /** The messages as {@code {role, text}} maps, for a node's process data. */
    public static List<Map<String, Object>> promptsForTrace(List<ChatMessage> messages) {
        return messages.stream().map(m -> Map.<String, Object>of("role", m.role(), "text", m.content() == null ? "" : m.content())).toList();
    }

    private static String describe(ModelConfig model) {
        return model.provider() + "/" + (model.name() == null || model.name().isBlank() ? "(default)" : model.name());
    }
}
