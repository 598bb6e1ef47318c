package dev.weft.knowledge.chunk;

/** Separators as people type them in a form: {@code \n\n} written with backslashes means two line breaks. */
final class Separators {

    private Separators() {}

    /** Replaces the escapes {@code \n}, {@code \r}, {@code \t}, {@code \\} and {@code \}{@code uXXXX} by the characters they stand for. */
    static String unescape(String separator) {
        if (separator == null || separator.indexOf('\\') < 0) {
            return separator;
        }
        StringBuilder out = new StringBuilder(separator.length());
        for (int i = 0; i < separator.length(); i++) {
            char c = separator.charAt(i);
            if (c != '\\' || i + 1 == separator.length()) {
                out.append(c);
                continue;
            }
            char next = separator.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (i + 4 < separator.length() && separator.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
                        out.append((char) Integer.parseInt(separator.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }
}
