package dev.weft.engine.node.llm;

import dev.weft.engine.node.ChatTurn;
import dev.weft.engine.node.NodeContext;
import dev.weft.model.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the messages an LLM node sends: renders each template message (basic references or Jinja2), puts the
 * context text where {@code {{#context#}}} stands and, with memory, adds the current query as the last user
 * message and the earlier turns before it. Completion mode sends its one prompt as a user message, with the
 * turns where {@code {{#histories#}}} stands.
 */
final class PromptAssembler {

    static final String HISTORIES = "{{#histories#}}";

    /** The messages, plus the values they were built from for the trace's inputs. */
    record Assembled(List<ChatMessage> messages, Map<String, Object> inputs) {}

    private final Jinja2Prompts jinja2 = new Jinja2Prompts();

    Assembled assemble(LlmConfig config, NodeContext context) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        String contextText = "";
        if (config.contextOn()) {
            contextText = ContextText.of(context.resolve(config.context().variableSelector()).orElse(null));
            inputs.put("#context#", contextText);
        }
        Map<String, Object> jinjaVars = jinja2Variables(config, context);
        List<ChatTurn> turns = config.memory() == null ? List.of() : config.memory().select(context.history());

        List<ChatMessage> messages = new ArrayList<>();
        if (config.model() != null && config.model().completionMode()) {
            PromptMessage prompt = config.promptTemplate().isEmpty() ? new PromptMessage(null, "", null, null) : config.promptTemplate().get(0);
            String text = render(prompt, context, jinjaVars, contextText);
            if (config.memory() != null) {
                text = text.replace(HISTORIES, ConversationMemory.asText(turns, config.memory()));
            }
            messages.add(ChatMessage.user(text));
            return new Assembled(messages, inputs);
        }
        for (PromptMessage message : config.promptTemplate()) {
            String text = render(message, context, jinjaVars, contextText);
            if (!text.isBlank()) {
                messages.add(new ChatMessage(message.roleOrUser(), text));
            }
        }
        if (config.memory() != null) {
            String query = context.render(config.memory().queryTemplate());
            ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
            boolean alreadyAsked = last != null && "user".equals(last.role()) && last.content().equals(query);
            if (!query.isBlank() && !alreadyAsked) {
                messages.add(ChatMessage.user(query));
            }
            if (!query.isBlank()) {
                inputs.put("query", query);
            }
            messages = ConversationMemory.insertBeforeLastUser(messages, turns);
        }
        return new Assembled(messages, inputs);
    }

    private String render(PromptMessage message, NodeContext context, Map<String, Object> jinjaVars, String contextText) {
        String text = message.jinja2()
                ? jinja2.render(message.jinja2Text() != null ? message.jinja2Text() : message.text(), jinjaVars)
                : context.render(message.text() == null ? "" : message.text());
        return text.replace(ContextText.PLACEHOLDER, contextText);
    }

    private static Map<String, Object> jinja2Variables(LlmConfig config, NodeContext context) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (LlmConfig.Jinja2Variable v : config.jinja2Variables()) {
            if (v.variable() != null && !v.variable().isBlank()) {
                vars.put(v.variable(), context.resolve(v.valueSelector()).orElse(null));
            }
        }
        return vars;
    }
}
