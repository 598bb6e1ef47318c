package dev.weft.engine.node.llm;

import dev.weft.engine.variable.Values;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the JSON a model was asked for in its reply: without {@code <think>} blocks and Markdown fences. */
public final class JsonReplies {

    private static final Pattern THINK = Pattern.compile("(?s)<think>.*?</think>");
    private static final Pattern FENCE = Pattern.compile("(?s)^```[a-zA-Z0-9_-]*\\s*\\n?(.*?)\\n?\\s*```$");

    private JsonReplies() {}

    /** The reply without reasoning blocks and, when the whole reply is one fenced block, without the fence. */
    public static String unwrap(String reply) {
        String text = THINK.matcher(reply == null ? "" : reply).replaceAll("").strip();
        Matcher fence = FENCE.matcher(text);
        return fence.matches() ? fence.group(1).strip() : text;
    }

    /** Parses the unwrapped reply as a JSON object; empty when it is not one. */
    public static Optional<Map<String, Object>> parseObject(String reply) {
        return parse(unwrap(reply));
    }

    /** The first JSON object anywhere in the reply (in a fence, after prose, ...); empty when there is none. */
    public static Optional<Map<String, Object>> findObject(String reply) {
        String text = unwrap(reply);
        Optional<Map<String, Object>> whole = parse(text);
        if (whole.isPresent()) {
            return whole;
        }
        for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
            int end = matchingBrace(text, start);
            if (end > start) {
                Optional<Map<String, Object>> found = parse(text.substring(start, end + 1));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> parse(String text) {
        if (!text.startsWith("{")) {
            return Optional.empty();
        }
        try {
            Object value = Values.JSON.readValue(text, Object.class);
            return value instanceof Map<?, ?> map ? Optional.of((Map<String, Object>) map) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The index of the brace closing the object that opens at {@code start}, skipping strings; -1 if unbalanced. */
    private static int matchingBrace(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
