package dev.weft.engine.node.questionclassifier;

import dev.weft.engine.node.llm.JsonReplies;
import dev.weft.engine.variable.Values;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads which class a model chose: the {@code category_id} or {@code category_name} of a JSON object anywhere
 * in the reply, else the class name that appears first in the text, else the first class.
 */
final class ClassificationParser {

    /** The chosen class and how it was found: {@code category_id}, {@code category_name}, {@code text} or {@code fallback}. */
    record Choice(QuestionClassifierConfig.ClassDef chosen, String foundBy) {

        boolean fallback() {
            return "fallback".equals(foundBy);
        }
    }

    private ClassificationParser() {}

    static Choice choose(String reply, List<QuestionClassifierConfig.ClassDef> classes) {
        Optional<Map<String, Object>> json = JsonReplies.findObject(reply);
        if (json.isPresent()) {
            String id = Values.toText(json.get().get("category_id")).strip();
            for (QuestionClassifierConfig.ClassDef c : classes) {
                if (!id.isEmpty() && id.equals(c.id())) {
                    return new Choice(c, "category_id");
                }
            }
            String name = Values.toText(json.get().get("category_name")).strip();
            for (QuestionClassifierConfig.ClassDef c : classes) {
                if (!name.isEmpty() && (name.equalsIgnoreCase(c.name()) || name.equalsIgnoreCase(c.label()))) {
                    return new Choice(c, "category_name");
                }
            }
        }
        String text = JsonReplies.unwrap(reply).toLowerCase(Locale.ROOT);
        QuestionClassifierConfig.ClassDef best = null;
        int bestAt = Integer.MAX_VALUE;
        for (QuestionClassifierConfig.ClassDef c : classes) {
            for (String candidate : new String[] {c.name(), c.label()}) {
                if (candidate == null || candidate.isBlank()) {
                    continue;
                }
                int at = text.indexOf(candidate.toLowerCase(Locale.ROOT).strip());
                if (at >= 0 && (at < bestAt || (at == bestAt && candidate.length() > longestName(best)))) {
                    best = c;
                    bestAt = at;
                }
            }
        }
        return best != null ? new Choice(best, "text") : new Choice(classes.get(0), "fallback");
    }

    private static int longestName(QuestionClassifierConfig.ClassDef c) {
        return c == null ? -1 : Math.max(c.name() == null ? 0 : c.name().length(), c.label() == null ? 0 : c.label().length());
    }
}
