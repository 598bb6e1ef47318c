package dev.weft.engine.node.llm;

import dev.weft.engine.variable.Values;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** Turns an LLM node's context value into prompt text: strings as they are, retrieval chunks by their content. */
final class ContextText {

    static final String PLACEHOLDER = "{{#context#}}";

    private ContextText() {}

    /** A list of retrieval chunks ({@code {content, ...}}) is joined with blank lines; anything else is shown as text. */
    static String of(Object value) {
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(ContextText::chunkText)
                    .filter(Objects::nonNull)
                    .filter(s -> !s.isBlank())
                    .collect(Collectors.joining("\n\n"));
        }
        return chunkText(value);
    }

    private static String chunkText(Object item) {
        if (item instanceof Map<?, ?> map && map.get("content") != null) {
            return Values.toText(map.get("content"));
        }
        return Values.toText(item);
    }
}
