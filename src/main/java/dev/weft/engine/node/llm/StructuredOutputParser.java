package dev.weft.engine.node.llm;

import dev.weft.engine.node.NodeExecutionException;
import java.util.Map;

/** Reads the structured output from an LLM reply: a JSON object, perhaps in a Markdown fence. */
final class StructuredOutputParser {

    static final String ERROR_TYPE = "StructuredOutputError";

    private StructuredOutputParser() {}

    static Map<String, Object> parse(String reply) {
        return JsonReplies.parseObject(reply).orElseThrow(() -> new NodeExecutionException(ERROR_TYPE,
                "structured output is on but the model's reply is not a JSON object: " + abbreviate(reply)));
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? "(empty reply)" : t.length() <= 300 ? t : t.substring(0, 300) + "...";
    }
}
