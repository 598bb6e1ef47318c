package dev.weft.engine.node.llm;

/**
 * One message of an LLM node's {@code prompt_template}: {@code role} system, user or assistant (absent in
 * completion mode), {@code text} with {@code {{#node.var#}}} references, or, when {@code edition_type} is
 * {@code jinja2}, the Jinja2 template {@code jinja2_text}.
 */
public record PromptMessage(String role, String text, String editionType, String jinja2Text) {

    public boolean jinja2() {
        return "jinja2".equals(editionType);
    }

    /** The role sent upstream: user when none is given. */
    public String roleOrUser() {
        return role == null || role.isBlank() ? "user" : role;
    }
}
