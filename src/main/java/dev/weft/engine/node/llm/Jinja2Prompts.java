package dev.weft.engine.node.llm;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import dev.weft.engine.node.NodeExecutionException;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders the Jinja2 edition of prompt messages with Jinjava. */
final class Jinja2Prompts {

    private final Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(false).build());

    String render(String template, Map<String, Object> variables) {
        RenderResult result = jinjava.renderForResult(template == null ? "" : template, variables);
        String fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .map(e -> e.getMessage() + (e.getLineno() > 0 ? " (line " + e.getLineno() + ")" : ""))
                .collect(Collectors.joining("; "));
        if (!fatal.isEmpty()) {
            throw new NodeExecutionException("TemplateError", "the Jinja2 prompt could not be rendered: " + fatal);
        }
        return result.getOutput();
    }
}
