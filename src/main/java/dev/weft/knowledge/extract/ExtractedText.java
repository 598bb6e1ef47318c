package dev.weft.knowledge.extract;

import java.util.Map;

/**
 * The text of one document or web page, as Markdown-ish plain text: headings kept as {@code #} lines and tables as
 * Markdown tables. {@code title} may be null; {@code metadata} holds what the source says about itself (author,
 * created, content type, url...).
 */
public record ExtractedText(String text, String title, String contentType, Map<String, String> metadata) {

    public ExtractedText {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public boolean isBlank() {
        return text == null || text.isBlank();
    }
}
