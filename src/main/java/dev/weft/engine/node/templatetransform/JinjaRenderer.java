package dev.weft.engine.node.templatetransform;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Renders Jinja2 templates with Jinjava, fenced in: no template loading ({@code include}, {@code import},
 * {@code extends} find nothing), no recursive macros, bounded output, strings, lists, ranges and render depth.
 * Variables are passed as plain maps, lists and scalars only, so templates cannot reach Java objects.
 */
@Component
public class JinjaRenderer {

    /** Dify's limit on rendered text. */
    public static final int MAX_OUTPUT_CHARS = 400_000;

    private final Jinjava jinjava;

    public JinjaRenderer() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withMaxOutputSize(MAX_OUTPUT_CHARS * 4L)
                .withMaxStringLength(MAX_OUTPUT_CHARS * 4L)
                .withMaxRenderDepth(10)
                .withRangeLimit(10_000)
                .withMaxListSize(100_000)
                .withMaxMapSize(100_000)
                .withEnableRecursiveMacroCalls(false)
                .withNestedInterpretationEnabled(false)
                .withReadOnlyResolver(true)
                .withFailOnUnknownTokens(false)
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new ResourceNotFoundException("templates cannot load other templates ('" + name + "')");
        });
    }

    /** Renders {@code template}; throws IllegalArgumentException with Jinjava's messages on a fatal error or too long output. */
    public String render(String template, Map<String, Object> variables) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        variables.forEach((k, v) -> bindings.put(k, plain(v)));
        RenderResult result = jinjava.renderForResult(template == null ? "" : template, bindings);
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw new IllegalArgumentException("template error: " + fatal.stream()
                    .map(e -> (e.getLineno() > 0 ? "line " + e.getLineno() + ": " : "") + e.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        String output = result.getOutput();
        if (output.length() > MAX_OUTPUT_CHARS) {
            throw new IllegalArgumentException("output is " + output.length() + " characters, more than the limit of " + MAX_OUTPUT_CHARS);
        }
        return output;
    }

    /** Files become maps; maps and lists are copied so that only plain values reach the template. */
    static Object plain(Object value) {
        if (value instanceof FileValue f) {
            return Values.toMap(f);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return value;
    }
}
