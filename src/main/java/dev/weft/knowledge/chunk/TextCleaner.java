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

    private static final Pattern LINE_ENDINGS = Pattern.compile("\\r\\n?");
    private static final Pattern INVISIBLE = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFEFF\\u200B\\u2060\\uFFFE]");
    private static final Pattern MARKDOWN_IMAGE = Pattern.compile("!\\[([^\\]\\n]*)]\\([^)\\s]*(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]\\n]*)]\\((?:https?://|mailto:|www\\.)[^)\\s]*(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])(?:mailto:)?[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"'|]*[^\\s<>\"'|.,;:!?)\\]}]");
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]+");
    private static final Pattern SPACE_BEFORE_NEWLINE = Pattern.compile(" \\n");
    private static final Pattern SPACE_AFTER_NEWLINE = Pattern.compile("\\n ");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    private TextCleaner() {}

    public static String clean(String text, CleaningRules rules) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        CleaningRules r = rules == null ? CleaningRules.DEFAULT : rules;
        String out = LINE_ENDINGS.matcher(text).replaceAll("\n");
        out = INVISIBLE.matcher(out).replaceAll("");
        if (r.removeUrlsEmails()) {
            out = MARKDOWN_IMAGE.matcher(out).replaceAll("$1");
            out = MARKDOWN_LINK.matcher(out).replaceAll("$1");
            out = EMAIL.matcher(out).replaceAll("");
            out = URL.matcher(out).replaceAll("");
        }
        if (r.removeExtraSpaces()) {
            out = SPACES.matcher(out).replaceAll(" ");
            out = SPACE_BEFORE_NEWLINE.matcher(out).replaceAll("\n");
            out = SPACE_AFTER_NEWLINE.matcher(out).replaceAll("\n");
            out = BLANK_LINES.matcher(out).replaceAll("\n\n");
        }
        return out.strip();
    }
}
