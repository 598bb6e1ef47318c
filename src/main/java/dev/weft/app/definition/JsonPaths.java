package dev.weft.app.definition;

import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/** Builds the JSONPath-like paths of {@link ValidationError}s and turns Jackson errors into them. */
public final class JsonPaths {

    public static final String ROOT = "$";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private JsonPaths() {}

    /** {@code base.name}, or {@code base['odd name']} when the name is not a plain identifier. */
    public static String field(String base, String name) {
        if (PLAIN_NAME.matcher(name).matches()) {
            return base + "." + name;
        }
        return base + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    public static String index(String base, int index) {
        return base + "[" + index + "]";
    }

    /**
     * Appends a relative path such as {@code model.name}, {@code cases[0].case_id} or {@code [2]};
     * a blank one leaves {@code base} as it is.
     */
    public static String append(String base, String relative) {
        if (relative == null || relative.isBlank()) {
            return base;
        }
        if (relative.startsWith("$")) {
            relative = relative.substring(1);
        }
        return relative.startsWith("[") || relative.startsWith(".") ? base + relative : base + "." + relative;
    }

    /**
     * The error a Jackson read failure stands for, with its path under {@code base}. Syntax errors name the
     * line and column where parsing stopped; binding errors name the offending value.
     */
    public static ValidationError fromJackson(String base, JacksonException e) {
        String path = base + suffix(e);
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        message = firstLine(message);
        TokenStreamLocation loc = e.getLocation();
        if (e instanceof StreamReadException && loc != null && loc != TokenStreamLocation.NA && loc.getLineNr() > 0) {
            message = message + " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        }
        return new ValidationError(path, message);
    }

    private static String suffix(JacksonException e) {
        List<JacksonException.Reference> refs = e.getPath();
        if (refs != null && !refs.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (JacksonException.Reference ref : refs) {
                if (ref.getPropertyName() != null) {
                    out.replace(0, out.length(), field(out.toString(), ref.getPropertyName()));
                } else if (ref.getIndex() >= 0) {
                    out.append('[').append(ref.getIndex()).append(']');
                }
            }
            return out.toString();
        }
        if (e.processor() instanceof JsonParser parser) {
            return contextPath(parser.streamReadContext());
        }
        return "";
    }

    /** The path of the value a parser stood at, from its read context. */
    static String contextPath(TokenStreamContext context) {
        if (context == null || context.inRoot()) {
            return "";
        }
        String parent = contextPath(context.getParent());
        if (context.inArray()) {
            return context.hasCurrentIndex() ? parent + "[" + context.getCurrentIndex() + "]" : parent;
        }
        String name = context.currentName();
        return name == null ? parent : field(parent, name);
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
