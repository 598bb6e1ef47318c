package dev.weft.knowledge.chunk;

/**
 * How a document is split. {@code GENERAL}: split at {@code separator} (then at smaller boundaries when a piece
 * is still too long) into chunks of at most {@code maxTokens}, neighbours sharing {@code overlapTokens}.
 * {@code PARENT_CHILD}: parents are paragraphs split at {@code separator} up to {@code maxTokens}
 * ({@link ParentMode#PARAGRAPH}) or the whole document ({@link ParentMode#FULL_DOC}); each parent is split into
 * children at {@code childSeparator} up to {@code childMaxTokens}. Children are embedded and searched; a child
 * hit returns its parent's text. A length of 0 (left out in JSON) means the default: 500, children 200. Separators use Java escapes as typed by users: {@code "\n\n"}.
 */
public record ChunkSettings(
        Mode mode,
        String separator,
        int maxTokens,
        int overlapTokens,
        ParentMode parentMode,
        String childSeparator,
        int childMaxTokens,
        CleaningRules cleaning) {

    public enum Mode { GENERAL, PARENT_CHILD }

    public enum ParentMode { PARAGRAPH, FULL_DOC }

    /** Dify's automatic settings: split at blank lines, 500 tokens, 50 overlap. */
    public static final ChunkSettings DEFAULT =
            new ChunkSettings(Mode.GENERAL, "\n\n", 500, 50, ParentMode.PARAGRAPH, "\n", 200, CleaningRules.DEFAULT);

    public ChunkSettings {
        mode = mode == null ? Mode.GENERAL : mode;
        separator = separator == null || separator.isEmpty() ? "\n\n" : separator;
        parentMode = parentMode == null ? ParentMode.PARAGRAPH : parentMode;
        childSeparator = childSeparator == null || childSeparator.isEmpty() ? "\n" : childSeparator;
        cleaning = cleaning == null ? CleaningRules.DEFAULT : cleaning;
        maxTokens = maxTokens == 0 ? 500 : maxTokens;
        childMaxTokens = childMaxTokens == 0 ? 200 : childMaxTokens;
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maximum chunk length must be at least 1 token");
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens) {
            throw new IllegalArgumentException("chunk overlap must be between 0 and the maximum chunk length");
        }
        if (mode == Mode.PARENT_CHILD && childMaxTokens < 1) {
            throw new IllegalArgumentException("maximum child chunk length must be at least 1 token");
        }
    }
}
