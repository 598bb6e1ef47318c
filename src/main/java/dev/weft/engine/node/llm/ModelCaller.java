package dev.weft.engine.node.llm;

import dev.weft.engine.event.TokenUsageSummary;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModel;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Calls the model a node names, for the LLM, question classifier and parameter extractor nodes. Checks for a
 * stopped run before the call and before each streamed delta; a failed call becomes a
 * {@link NodeExecutionException} of type {@value #ERROR_TYPE} carrying the upstream message.
 */
public final class ModelCaller {

    public static final String ERROR_TYPE = "ModelInvokeError";

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
        try {
            ChatModel chatModel = resolver.resolve(model.provider(), model.name());
            ChatRequest request = new ChatRequest(model.name(), messages, model.completionParams(), jsonSchema);
            if (onDelta == null) {
                return chatModel.chat(request, null);
            }
            return chatModel.chat(request, delta -> {
                context.checkCancelled();
                onDelta.accept(delta);
            });
        } catch (ModelException e) {
            throw new NodeExecutionException(ERROR_TYPE, "model " + describe(model) + " failed: " + e.getMessage(), e);
        }
    }

    /** What a node without a model says: which node, and where to fix it. */
    public static String noModelMessage(String nodeKind, String title) {
        return "The " + nodeKind + " node '" + title + "' has no model: choose a provider and model,"
                + " or add one under Settings → Model providers.";
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
