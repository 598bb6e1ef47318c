package dev.weft.model.openai;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import dev.weft.model.ToolCall;
import dev.weft.model.http.UpstreamErrors;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads OpenAI's reply bodies: a whole completion, one streamed chunk, an error body. */
final class CompletionReplies {

    private CompletionReplies() {}

    /** A blocking reply: {@code choices[0].message.content}, {@code finish_reason} and {@code usage}. */
    static ChatResponse parseCompletion(JsonMapper json, String body, String target, List<ChatMessage> sent) {
        JsonNode root = parse(json, body, target);
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new ModelException(target + " replied without choices: " + abbreviate(body), 0);
        }
        String text = textOf(choice.path("message").path("content"));
        TokenUsage usage = usageOf(root.path("usage"));
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : choice.path("message").path("tool_calls")) {
            JsonNode function = call.path("function");
            JsonNode arguments = function.path("arguments");
            calls.add(new ToolCall(textOf(call.path("id")), textOf(function.path("name")),
                    arguments.isObject() ? arguments.toString() : textOf(arguments)));
        }
        return new ChatResponse(text, usage == null ? estimate(sent, text) : usage, textOf(choice.path("finish_reason")), calls);
    }

    static JsonNode parse(JsonMapper json, String body, String target) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new ModelException(target + " replied with something other than a JSON object: " + abbreviate(body), 0);
            }
            if (root.path("error").isObject() || root.path("error").isString()) {
                throw new ModelException(target + " reported an error: " + errorMessage(root, body), 0);
            }
            return root;
        } catch (JacksonException e) {
            throw new ModelException(target + " replied with invalid JSON: " + abbreviate(body), e);
        }
    }

    static String errorMessage(JsonMapper json, String body) {
        return UpstreamErrors.errorMessage(body);
    }

    private static String errorMessage(JsonNode root, String body) {
        return UpstreamErrors.errorMessage(root, body);
    }

    /** OpenAI's usage object, or null when there is none. */
    static TokenUsage usageOf(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long prompt = usage.path("prompt_tokens").asLong(0);
        long completion = usage.path("completion_tokens").asLong(0);
        long total = usage.has("total_tokens") ? usage.path("total_tokens").asLong(0) : prompt + completion;
        return new TokenUsage(prompt, completion, total);
    }

    /** A rough count, four characters a token, for servers that report no usage. */
    static TokenUsage estimate(List<ChatMessage> sent, String text) {
        long promptChars = sent.stream().mapToLong(m -> m.content() == null ? 0 : m.content().length()).sum();
        long prompt = (promptChars + 3) / 4;
        long completion = (text.length() + 3) / 4;
        return new TokenUsage(prompt, completion, prompt + completion);
    }

    static String textOf(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : node != null && node.isValueNode() && !node.isNull() ? node.asString() : "";
    }

    static String abbreviate(String text) {
        return UpstreamErrors.abbreviate(text);
    }
}
