package dev.weft.knowledge.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns HTML (Tika's XHTML or a cleaned web page) into text that keeps the structure an LLM needs: headings as
 * {@code #} lines, paragraphs separated by blank lines, list items as {@code -} lines and tables as Markdown tables
 * (a {@code |} inside a cell is escaped). Scripts, styles and images are left out.
 */
public final class HtmlToMarkdown {

    private static final Pattern TRAILING_SPACES = Pattern.compile("[ \\t\\u00a0]+\\n");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");
    private static final Pattern CELL_BREAKS = Pattern.compile("\\s+");

    private HtmlToMarkdown() {}

    /** Converts a whole HTML or XHTML document; only its body is kept. */
    public static String convert(String html) {
        return convert(Jsoup.parse(html).body());
    }

    /** Converts the content of one element (a page's body or main part). */
    public static String convert(Element root) {
        StringBuilder out = new StringBuilder();
        blocks(root, out);
        String text = TRAILING_SPACES.matcher(out).replaceAll("\n");
        return BLANK_LINES.matcher(text).replaceAll("\n\n").strip();
    }

    private static void blocks(Element parent, StringBuilder out) {
        StringBuilder inline = new StringBuilder();
        for (Node child : parent.childNodes()) {
            if (child instanceof TextNode t) {
                inline.append(t.getWholeText());
            } else if (child instanceof Element e) {
                String tag = e.normalName();
                if (isSkipped(tag)) {
                    continue;
                }
                if (isBlock(tag)) {
                    flush(inline, out);
                    block(e, tag, out);
                } else if (tag.equals("br")) {
                    inline.append('\n');
                } else {
                    inline.append(inlineText(e));
                }
            }
        }
        flush(inline, out);
    }

    private static void block(Element e, String tag, StringBuilder out) {
        switch (tag) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                String text = e.text().strip();
                if (!text.isEmpty()) {
                    out.append("#".repeat(tag.charAt(1) - '0')).append(' ').append(text).append("\n\n");
                }
            }
            case "table" -> table(e, out);
            case "li" -> {
                StringBuilder item = new StringBuilder();
                blocks(e, item);
                String text = item.toString().strip().replace("\n\n", "\n");
                if (!text.isEmpty()) {
                    out.append("- ").append(text).append('\n');
                }
            }
            case "ul", "ol" -> {
                blocks(e, out);
                out.append('\n');
            }
            case "pre" -> {
                String text = e.wholeText().strip();
                if (!text.isEmpty()) {
                    out.append(text).append("\n\n");
                }
            }
            case "hr" -> out.append("\n\n");
            case "dl" -> definitions(e, out);
            default -> blocks(e, out);
        }
    }

    /** {@code <dt>From</dt><dd>Ann</dd>} as "From: Ann". */
    private static void definitions(Element dl, StringBuilder out) {
        String term = null;
        for (Element child : dl.children()) {
            StringBuilder text = new StringBuilder();
            blocks(child, text);
            String value = text.toString().strip().replace("\n\n", "\n");
            if (child.normalName().equals("dt")) {
                if (term != null) {
                    out.append(term).append('\n');
                }
                term = value;
            } else if (!value.isEmpty() || term != null) {
                out.append(term == null || term.isEmpty() ? value : term + ": " + value).append('\n');
                term = null;
            }
        }
        if (term != null) {
            out.append(term).append('\n');
        }
        out.append('\n');
    }

    /**
     * A Markdown table; a table of one column (page layout, not data) becomes paragraphs, and tables inside a cell
     * become plain text in that cell.
     */
    private static void table(Element table, StringBuilder out) {
        List<List<String>> rows = new ArrayList<>();
        for (Element tr : table.select("tr")) {
            if (tr.closest("table") != table) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            boolean any = false;
            for (Element cell : tr.children()) {
                if (cell.normalName().equals("td") || cell.normalName().equals("th")) {
                    String text = cell(cell);
                    any |= !text.isEmpty();
                    cells.add(text);
                }
            }
            if (any) {
                rows.add(cells);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.stream().mapToInt(List::size).max().orElse(1);
        out.append("\n\n");
        if (width == 1) {
            for (List<String> row : rows) {
                out.append(row.getFirst().replace("\\|", "|")).append("\n\n");
            }
            return;
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = new ArrayList<>(rows.get(r));
            while (cells.size() < width) {
                cells.add("");
            }
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
            if (r == 0) {
                out.append("|").append(" --- |".repeat(width)).append('\n');
            }
        }
        out.append('\n');
    }

    private static String cell(Element cell) {
        Element content = cell;
        if (cell.selectFirst("table") != null) {
            content = cell.clone();
            for (Element nested : content.select("table")) {
                nested.replaceWith(new TextNode(" " + nested.text() + " "));
            }
        }
        StringBuilder text = new StringBuilder();
        blocks(content, text);
        return CELL_BREAKS.matcher(text.toString().strip()).replaceAll(" ").replace("|", "\\|");
    }

    private static String inlineText(Element e) {
        StringBuilder s = new StringBuilder();
        for (Node n : e.childNodes()) {
            if (n instanceof TextNode t) {
                s.append(t.getWholeText());
            } else if (n instanceof Element c && !isSkipped(c.normalName())) {
                s.append(c.normalName().equals("br") ? "\n" : inlineText(c));
            }
        }
        return s.toString();
    }

    private static void flush(StringBuilder inline, StringBuilder out) {
        String text = inline.toString().strip();
        if (!text.isEmpty()) {
            out.append(text).append("\n\n");
        }
        inline.setLength(0);
    }

    private static boolean isSkipped(String tag) {
        return switch (tag) {
            case "script", "style", "noscript", "template", "img", "svg", "iframe", "object", "embed", "head", "title",
                 "meta", "link", "button", "select", "input", "textarea" -> true;
            default -> false;
        };
    }

    private static boolean isBlock(String tag) {
        return switch (tag) {
            case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "li", "pre", "blockquote",
                 "section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption", "address",
                 "details", "summary", "form", "fieldset", "center", "hr", "thead", "tbody", "tfoot", "tr", "td", "th",
                 "body", "dl", "dt", "dd", "caption" -> true;
            default -> false;
        };
    }
}
