package dev.weft.knowledge.chunk;

/**
 * Dify's pre-processing rules: {@code removeExtraSpaces} collapses runs of spaces, tabs and blank lines;
 * {@code removeUrlsEmails} deletes URLs and e-mail addresses.
 */
public record CleaningRules(boolean removeExtraSpaces, boolean removeUrlsEmails) {

    public static final CleaningRules DEFAULT = new CleaningRules(true, false);
}
