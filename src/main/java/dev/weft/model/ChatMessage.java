package dev.weft.model;

import java.util.List;

/**
 * One message sent to a chat model. {@code role}: system, user, assistant or tool. An assistant message may carry
 * the {@code toolCalls} the model made; a {@code tool} message carries one tool's result as {@code content}, with
 * the {@code toolCallId} and {@code toolName} of the call it answers.
 */
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId, String toolName) {

    public static final String TOOL = "tool";

    public ChatMessage {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ChatMessage(String role, String content) {
        this(role, content, List.of(), null, null);
    }

    public static ChatMessage system(String text) {
        return new ChatMessage("system", text);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage("user", text);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", text);
    }

    /** The model's earlier turn that called tools, to send back before their results. */
    public static ChatMessage assistant(String text, List<ToolCall> toolCalls) {
        return new ChatMessage("assistant", text, toolCalls, null, null);
    }

    /** The result of the tool call {@code call}. */
    public static ChatMessage toolResult(ToolCall call, String result) {
        return new ChatMessage(TOOL, result, List.of(), call.id(), call.name());
    }
}
