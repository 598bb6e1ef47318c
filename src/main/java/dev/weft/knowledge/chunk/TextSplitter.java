package dev.weft.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Splits a document's text into chunks as {@link ChunkSettings} say, after cleaning it by the settings'
 * {@link CleaningRules} ({@link TextCleaner}).
 *
 * <p>{@code GENERAL}: the text is cut at the separator, and a part longer than {@code maxTokens} again at paragraph
 * breaks, line breaks, sentence ends and spaces (between characters as a last resort), never inside a Markdown
 * table row when that can be avoided; the pieces are packed into chunks of at most {@code maxTokens}, each starting
 * with up to {@code overlapTokens} from the end of the chunk before. No chunk has more than {@code maxTokens} as
 * counted by the given {@link TokenCounter}, and none is empty.
 *
 * <p>{@code PARENT_CHILD}: parents are the chunks of a general split at the separator up to {@code maxTokens}
 * without overlap ({@code PARAGRAPH}), or the whole text ({@code FULL_DOC}); each parent's children are a general
 * split of it at {@code childSeparator} up to {@code childMaxTokens}. Children are numbered from 0 in each parent.
 *
 * <p>Separators may be typed with escapes ({@code \n\n}). Cost: each piece is counted once and each chunk once, so
 * a document is counted about twice in all; spans far longer than a chunk are cut without being counted.
 */
@Component
public class TextSplitter {

    public List<TextChunk> split(String text, ChunkSettings settings, TokenCounter counter) {
        String clean = TextCleaner.clean(text, settings.cleaning());
        if (clean.isEmpty()) {
            return List.of();
        }
        String separator = separator(settings.separator());
        if (settings.mode() == ChunkSettings.Mode.GENERAL) {
            return general(clean, separator, settings.maxTokens(), settings.overlapTokens(), counter);
        }
        String childSeparator = separator(settings.childSeparator());
        List<TextChunk> parents = settings.parentMode() == ChunkSettings.ParentMode.FULL_DOC
                ? List.of(new TextChunk(0, clean, counter.count(clean)))
                : general(clean, separator, settings.maxTokens(), 0, counter);
        List<TextChunk> out = new ArrayList<>(parents.size());
        for (TextChunk parent : parents) {
            List<TextChunk> children = general(parent.content(), childSeparator, settings.childMaxTokens(), 0, counter);
            out.add(new TextChunk(parent.position(), parent.content(), parent.tokens(), children));
        }
        return out;
    }

    private static List<TextChunk> general(String text, String separator, int maxTokens, int overlapTokens, TokenCounter counter) {
        TokenTally tally = new TokenTally(text, counter);
        TableRows rows = TableRows.of(text);
        List<Piece> pieces = new PieceCutter(text, separator, maxTokens, tally, rows).cut();
        if (pieces.isEmpty()) {
            return List.of();
        }
        int overlap = Math.max(0, Math.min(overlapTokens, maxTokens - 1));
        return new ChunkPacker(text, pieces, maxTokens, overlap, tally, rows).pack();
    }

    /** The separator as the text has it after cleaning: escapes resolved, line endings as {@code \n}. */
    private static String separator(String typed) {
        String separator = Separators.unescape(typed);
        separator = separator == null || separator.isEmpty() ? "\n\n" : separator.replace("\r\n", "\n").replace('\r', '\n');
        return separator;
    }
}
