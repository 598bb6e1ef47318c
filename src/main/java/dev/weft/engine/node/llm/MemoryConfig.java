package dev.weft.engine.node.llm;

import dev.weft.engine.node.ChatTurn;
import java.util.List;

/**
 * Conversation memory of a model node (chat apps): {@code window} limits the earlier turns sent (all of them,
 * up to {@value #MAX_TURNS}, when the window is off), {@code query_prompt_template} is the user message for the
 * current turn ({@code {{#sys.query#}}} when unset) and {@code role_prefix} labels turns in completion-mode prompts.
 */
public record MemoryConfig(Window window, String queryPromptTemplate, RolePrefix rolePrefix) {

    public static final int MAX_TURNS = 100;
    public static final String DEFAULT_QUERY = "{{#sys.query#}}";

    public record Window(boolean enabled, Integer size) {}

    public record RolePrefix(String user, String assistant) {}

    public String queryTemplate() {
        return queryPromptTemplate == null || queryPromptTemplate.isBlank() ? DEFAULT_QUERY : queryPromptTemplate;
    }

    /** The last turns this memory keeps, oldest first. */
    public List<ChatTurn> select(List<ChatTurn> history) {
        int keep = window != null && window.enabled() && window.size() != null ? Math.max(0, window.size()) : MAX_TURNS;
        keep = Math.min(keep, MAX_TURNS);
        return history.size() <= keep ? List.copyOf(history) : List.copyOf(history.subList(history.size() - keep, history.size()));
    }

    public String userPrefix() {
        return rolePrefix == null || rolePrefix.user() == null || rolePrefix.user().isBlank() ? "Human" : rolePrefix.user();
    }

    public String assistantPrefix() {
        return rolePrefix == null || rolePrefix.assistant() == null || rolePrefix.assistant().isBlank() ? "Assistant" : rolePrefix.assistant();
    }
}
