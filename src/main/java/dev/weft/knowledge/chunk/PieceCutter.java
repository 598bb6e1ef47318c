package dev.weft.knowledge.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into pieces of at most {@code maxTokens} (with the counter's overhead): at the separator first, and a part still too long at the
 * next smaller boundary: paragraph break, line break, sentence end, space; a part with none of them is cut between
 * characters. Cuts inside a Markdown table row are skipped unless the part is within one row. Only parts short
 * enough to possibly fit are counted; each piece is counted once.
 */
final class PieceCutter {

    private static final int SEPARATOR = 0;
    private static final int PARAGRAPH = 1;
    private static final int LINE = 2;
    private static final int SENTENCE = 3;
    private static final int SPACE = 4;
    private static final int LEVELS = 5;

    private final String text;
    private final String separator;
    private final int maxTokens;
    private final TokenTally tally;
    private final TableRows rows;

    PieceCutter(String text, String separator, int maxTokens, TokenTally tally, TableRows rows) {
        this.text = text;
        this.separator = separator;
        this.maxTokens = Math.max(1, maxTokens - tally.overhead());
        this.tally = tally;
        this.rows = rows;
    }

    List<Piece> cut() {
        List<Piece> pieces = new ArrayList<>();
        cut(0, text.length(), SEPARATOR, pieces);
        return pieces;
    }

    private void cut(int start, int end, int level, List<Piece> out) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start >= end) {
            return;
        }
        if (!tally.surelyMoreThan(start, end, maxTokens)) {
            int tokens = tally.span(start, end);
            if (tokens <= maxTokens) {
                out.add(new Piece(start, end, tokens));
                return;
            }
        }
        for (int l = level; l < LEVELS; l++) {
            List<int[]> parts = parts(start, end, l);
            if (!parts.isEmpty()) {
                for (int[] part : parts) {
                    cut(part[0], part[1], l + 1, out);
                }
                return;
            }
        }
        cutBetweenCharacters(start, end, out);
    }

    /** {@code [start, end)} cut at every boundary of {@code level}; the boundary text itself belongs to no part. */
    private List<int[]> parts(int start, int end, int level) {
        boolean rowOnly = rows.withinOneRow(start, end);
        List<int[]> parts = new ArrayList<>();
        int partStart = start;
        int i = start;
        while (i < end) {
            int[] boundary = boundaryAt(i, end, level);
            if (boundary == null) {
                i++;
                continue;
            }
            if (rowOnly || !rows.touchesRow(boundary[0], boundary[1])) {
                if (boundary[0] > partStart) {
                    parts.add(new int[] {partStart, boundary[0]});
                }
                partStart = boundary[1];
            }
            i = Math.max(boundary[1], i + 1);
        }
        if (partStart < end) {
            parts.add(new int[] {partStart, end});
        }
        return parts.size() == 1 && parts.getFirst()[0] == start && parts.getFirst()[1] == end ? List.of() : parts;
    }

    /** The boundary of {@code level} starting at {@code i} as {@code [cutEnd, nextStart)}, or null. */
    private int[] boundaryAt(int i, int end, int level) {
        char c = text.charAt(i);
        switch (level) {
            case SEPARATOR -> {
                return text.startsWith(separator, i) && i + separator.length() <= end ? new int[] {i, i + separator.length()} : null;
            }
            case PARAGRAPH, LINE -> {
                if (!Character.isWhitespace(c) || (i > 0 && Character.isWhitespace(text.charAt(i - 1)) && i > 0)) {
                    return null;
                }
                int j = i;
                int newlines = 0;
                while (j < end && Character.isWhitespace(text.charAt(j))) {
                    newlines += text.charAt(j) == '\n' ? 1 : 0;
                    j++;
                }
                return newlines >= (level == PARAGRAPH ? 2 : 1) ? new int[] {i, j} : null;
            }
            case SENTENCE -> {
                if (c == '。' || c == '！' || c == '？' || c == '；') {
                    int j = skipSpaces(i + 1, end);
                    return new int[] {i + 1, j};
                }
                if ((c == '.' || c == '!' || c == '?' || c == '…') && i + 1 < end && Character.isWhitespace(text.charAt(i + 1))) {
                    return new int[] {i + 1, skipSpaces(i + 1, end)};
                }
                return null;
            }
            case SPACE -> {
                if (!Character.isWhitespace(c) || (i > 0 && Character.isWhitespace(text.charAt(i - 1)))) {
                    return null;
                }
                return new int[] {i, skipSpaces(i, end)};
            }
            default -> {
                return null;
            }
        }
    }

    private int skipSpaces(int i, int end) {
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The last resort: pieces of as many characters as fit, never splitting a surrogate pair. */
    private void cutBetweenCharacters(int start, int end, List<Piece> out) {
        int guess = Math.max(1, maxTokens * 4);
        int position = start;
        while (position < end) {
            int stop = safe(Math.min(end, position + guess), position);
            int tokens = tally.span(position, stop);
            while (tokens > maxTokens && stop - position > 1) {
                int shorter = (int) ((stop - position) * Math.min(0.9, (double) maxTokens / tokens));
                stop = safe(position + Math.max(1, shorter), position);
                tokens = tally.span(position, stop);
            }
            while (stop < end && tokens < maxTokens * 0.8) {
                int longer = safe(Math.min(end, position + (int) Math.ceil((stop - position) * Math.min(2.0, 0.95 * maxTokens / Math.max(1, tokens)))), position);
                if (longer <= stop) {
                    break;
                }
                int more = tally.span(position, longer);
                if (more > maxTokens) {
                    break;
                }
                stop = longer;
                tokens = more;
            }
            out.add(new Piece(position, stop, tokens));
            guess = stop - position;
            position = stop;
        }
    }

    /** {@code stop}, moved back so it does not fall between the halves of a surrogate pair. */
    private int safe(int stop, int position) {
        if (stop < text.length() && stop > position + 1 && Character.isLowSurrogate(text.charAt(stop))
                && Character.isHighSurrogate(text.charAt(stop - 1))) {
            return stop - 1;
        }
        return stop;
    }
}
