package dev.weft.knowledge.chunk;

import java.util.regex.Pattern;

/**
 * Dify's pre-processing of a document's text before it is split. Always: line endings become {@code \n}, and
 * control characters, byte order marks and zero-width characters go. {@link CleaningRules#removeExtraSpaces()}:
 * runs of spaces and tabs become one space, spaces at line ends go, and runs of blank lines become one blank line,
 * so paragraphs stay apart and every Markdown table row stays one line. {@link CleaningRules#removeUrlsEmails()}:
 * URLs and e-mail addresses go; a Markdown link keeps its text. Cleaning twice gives the same text as once.
 */
public final class TextCleaner {

    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[([^\\]\\n]*)]\\([^)\\s]*(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]\\n]*)]\\((?:https?://|mailto:|www\\.)[^)\\s]*(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])(?:mailto:)?[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'|]*[^\\s<>\"'|.,;:!?)\\]}]");

    private TextCleaner() {}

    public static String clean(String text, CleaningRules rules) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        CleaningRules r = rules == null ? CleaningRules.DEFAULT : rules;
        String out = text;
        if (r.removeUrlsEmails()) {
            out = MARKDOWN_IMAGE.matcher(out).replaceAll("$1");
            out = MARKDOWN_LINK.matcher(out).replaceAll("$1");
            out = EMAIL.matcher(out).replaceAll("");
            out = URL.matcher(out).replaceAll("");
        }
        return normalize(out, r.removeExtraSpaces()).strip();
    }

    /** One pass over the text: line endings, invisible characters and (when asked) spaces and blank lines. */
    private static String normalize(String text, boolean collapse) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                c = '\n';
            }
            if (isInvisible(c)) {
                continue;
            }
            if (!collapse) {
                out.append(c);
            } else if (c == '\n') {
                newlines++;
                space = false;
            } else if (isSpace(c)) {
                space = newlines == 0;
            } else {
                if (newlines > 0) {
                    out.append(newlines == 1 ? "\n" : "\n\n");
                } else if (space) {
                    out.append(' ');
                }
                newlines = 0;
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isInvisible(char c) {
        return c < 0x20 ? c != '\n' && c != '\t' : c == 0x7F || c == '\uFEFF' || c == '\u200B' || c == '\u2060' || c == '\uFFFE';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200A')
                || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }
}
