package dev.weft.engine.variable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with {@code {{#node_id.var#}}} references, Dify's template form. Parsed once into literal and
 * variable segments so an Answer node can stream it piece by piece.
 */
public record VariableTemplate(List<Segment> segments) {

    /** Node id 1-50 of [A-Za-z0-9_], then 1-10 segments of .[A-Za-z_][A-Za-z0-9_]{0,29}; sys/env/conversation are node ids too. */
    public static final Pattern REFERENCE =
            Pattern.compile("\\{\\{#([a-zA-Z0-9_]{1,50}(?:\\.[a-zA-Z_][a-zA-Z0-9_]{0,29}){1,10})#}}");

    public sealed interface Segment permits Literal, Reference {}

    public record Literal(String text) implements Segment {}

    public record Reference(Selector selector) implements Segment {}

    public static VariableTemplate parse(String text) {
        List<Segment> segments = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return new VariableTemplate(segments);
        }
        Matcher m = REFERENCE.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                segments.add(new Literal(text.substring(last, m.start())));
            }
            segments.add(new Reference(Selector.parse(m.group(1))));
            last = m.end();
        }
        if (last < text.length()) {
            segments.add(new Literal(text.substring(last)));
        }
        return new VariableTemplate(List.copyOf(segments));
    }

    /** Every selector the text references, in order. */
    public static List<Selector> references(String text) {
        return parse(text).segments().stream()
                .filter(Reference.class::isInstance)
                .map(s -> ((Reference) s).selector())
                .toList();
    }

    /** Fills each reference from the pool; a missing variable renders as empty text, as in Dify. */
    public String render(VariablePool pool) {
        if (segments.size() == 1 && segments.get(0) instanceof Literal l) {
            return l.text();
        }
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            switch (s) {
                case Literal l -> out.append(l.text());
                case Reference r -> out.append(Values.toText(pool.get(r.selector()).orElse(null)));
            }
        }
        return out.toString();
    }

    public static String render(String text, VariablePool pool) {
        return text == null ? "" : parse(text).render(pool);
    }
}
