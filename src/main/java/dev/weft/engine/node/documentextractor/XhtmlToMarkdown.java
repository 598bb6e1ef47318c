package dev.weft.engine.node.documentextractor;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns Tika's XHTML into text that keeps the structure an LLM needs: headings as {@code #} lines, paragraphs
 * separated by blank lines, list items as {@code -} lines and tables as Markdown tables.
 */
final class XhtmlToMarkdown {

    private XhtmlToMarkdown() {}

    static String convert(String xhtml) {
        Element body = Jsoup.parse(xhtml).body();
        StringBuilder out = new StringBuilder();
        blocks(body, out);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static void blocks(Element parent, StringBuilder out) {
        StringBuilder inline = new StringBuilder();
        for (Node child : parent.childNodes()) {
            if (child instanceof TextNode t) {
                inline.append(t.getWholeText());
            } else if (child instanceof Element e) {
                String tag = e.tagName();
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
                out.append("- ");
                StringBuilder item = new StringBuilder();
                blocks(e, item);
                out.append(item.toString().strip().replace("\n\n", "\n")).append('\n');
            }
            case "ul", "ol" -> {
                blocks(e, out);
                out.append('\n');
            }
            case "pre" -> out.append(e.wholeText().strip()).append("\n\n");
            case "p" -> {
                StringBuilder para = new StringBuilder();
                blocks(e, para);
                String text = para.toString().strip();
                if (!text.isEmpty()) {
                    out.append(text).append("\n\n");
                }
            }
            default -> blocks(e, out);
        }
    }

    private static void table(Element table, StringBuilder out) {
        List<List<String>> rows = new ArrayList<>();
        for (Element tr : table.select("tr")) {
            if (tr.closest("table") != table) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (Element cell : tr.children()) {
                if (cell.tagName().equals("td") || cell.tagName().equals("th")) {
                    cells.add(cell(cell));
                }
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.stream().mapToInt(List::size).max().orElse(1);
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
        StringBuilder text = new StringBuilder();
        blocks(cell, text);
        return text.toString().strip().replaceAll("\\s*\\n\\s*", " ").replace("|", "\\|");
    }

    private static String inlineText(Element e) {
        StringBuilder s = new StringBuilder();
        for (Node n : e.childNodes()) {
            if (n instanceof TextNode t) {
                s.append(t.getWholeText());
            } else if (n instanceof Element c) {
                s.append(c.tagName().equals("br") ? "\n" : inlineText(c));
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

    private static boolean isBlock(String tag) {
        return switch (tag) {
            case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "li", "pre", "blockquote",
                 "section", "article", "header", "footer", "thead", "tbody", "tfoot", "tr", "td", "th", "body", "dl", "dt", "dd" -> true;
            default -> false;
        };
    }
}
