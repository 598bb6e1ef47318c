package dev.weft.engine.node.llm;

import dev.weft.engine.node.ChatTurn;
import dev.weft.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** Puts earlier conversation turns into a list of chat messages. */
public final class ConversationMemory {

    private ConversationMemory() {}

    /** Inserts each turn as a user and an assistant message just before the last user message (at the end if there is none). */
    public static List<ChatMessage> insertBeforeLastUser(List<ChatMessage> messages, List<ChatTurn> turns) {
        List<ChatMessage> out = new ArrayList<>(messages);
        int at = out.size();
        for (int i = out.size() - 1; i >= 0; i--) {
            if ("user".equals(out.get(i).role())) {
                at = i;
                break;
            }
        }
        List<ChatMessage> history = new ArrayList<>();
        for (ChatTurn turn : turns) {
            history.add(ChatMessage.user(turn.query() == null ? "" : turn.query()));
            history.add(ChatMessage.assistant(turn.answer() == null ? "" : turn.answer()));
        }
        out.addAll(at, history);
        return out;
    }

    /** The turns as text for completion-mode prompts: {@code Human: ...} and {@code Assistant: ...} lines. */
    public static String asText(List<ChatTurn> turns, MemoryConfig memory) {
        StringBuilder text = new StringBuilder();
        for (ChatTurn turn : turns) {
            text.append(memory.userPrefix()).append(": ").append(turn.query() == null ? "" : turn.query()).append('\n');
            text.append(memory.assistantPrefix()).append(": ").append(turn.answer() == null ? "" : turn.answer()).append('\n');
        }
        return text.toString().strip();
    }
}
