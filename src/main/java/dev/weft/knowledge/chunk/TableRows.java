package dev.weft.knowledge.chunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the Markdown table rows of a text are, so a split never falls inside one when it can be avoided. A row is
 * a line that starts with {@code |}, or a line with a {@code |} in a block of lines that has a delimiter row
 * ({@code |---|:---:|}); it runs from its first to its last visible character.
 */
final class TableRows {

    private static final Pattern DELIMITER_ROW = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)+\\|?\\s*$");

    private final int[] starts;
    private final int[] ends;

    private TableRows(int[] starts, int[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    static TableRows of(String text) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lines.add(new int[] {start, end});
            start = end + 1;
        }
        boolean[] row = new boolean[lines.size()];
        int blockStart = 0;
        for (int i = 0; i <= lines.size(); i++) {
            boolean blank = i == lines.size() || isBlank(text, lines.get(i));
            if (!blank) {
                String line = line(text, lines.get(i));
                row[i] = line.stripLeading().startsWith("|");
                continue;
            }
            boolean hasDelimiter = false;
            for (int j = blockStart; j < i && !hasDelimiter; j++) {
                hasDelimiter = DELIMITER_ROW.matcher(line(text, lines.get(j))).matches();
            }
            if (hasDelimiter) {
                for (int j = blockStart; j < i; j++) {
                    row[j] |= line(text, lines.get(j)).indexOf('|') >= 0;
                }
            }
            blockStart = i + 1;
        }
        int count = 0;
        int[] starts = new int[lines.size()];
        int[] ends = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            if (row[i]) {
                int s = lines.get(i)[0];
                int e = lines.get(i)[1];
                while (s < e && Character.isWhitespace(text.charAt(s))) {
                    s++;
                }
                while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                    e--;
                }
                starts[count] = s;
                ends[count] = e;
                count++;
            }
        }
        return new TableRows(Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }

    private static String line(String text, int[] span) {
        return text.substring(span[0], span[1]);
    }

    private static boolean isBlank(String text, int[] span) {
        for (int i = span[0]; i < span[1]; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a cut at {@code position} (between two characters) would fall inside a row. */
    boolean splitsRow(int position) {
        int i = rowBefore(position);
        return i >= 0 && position > starts[i] && position < ends[i];
    }

    /** Whether a boundary {@code [start, end)} would take characters from a row or cut inside one. */
    boolean touchesRow(int start, int end) {
        int i = rowBefore(Math.max(start, end - 1));
        return i >= 0 && starts[i] < Math.max(end, start + 1) && start < ends[i];
    }

    /** Whether {@code [start, end)} lies within one row, so cutting it cannot be avoided by cutting elsewhere. */
    boolean withinOneRow(int start, int end) {
        int i = rowBefore(start);
        return i >= 0 && start >= starts[i] && end <= ends[i];
    }

    /** The first position at or after {@code position} that is not inside a row. */
    int skipRow(int position) {
        int i = rowBefore(position);
        return i >= 0 && position > starts[i] && position < ends[i] ? ends[i] : position;
    }

    /** The index of the last row starting at or before {@code position}, or -1. */
    private int rowBefore(int position) {
        int i = Arrays.binarySearch(starts, position);
        return i >= 0 ? i : -i - 2;
    }
}
