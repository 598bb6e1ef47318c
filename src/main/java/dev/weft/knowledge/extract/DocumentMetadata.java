package dev.weft.knowledge.extract;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;

/**
 * What Tika's metadata says about a document, as Weft keeps it: a title (the document's own, else its first
 * heading), the content type, and {@code author}, {@code created}, {@code modified}, {@code language}, {@code pages}
 * when known. Also words for a document that holds no text.
 */
final class DocumentMetadata {

    private static final Pattern FIRST_HEADING = Pattern.compile("(?m)^#{1,6} +(\\S.*)$");
    private static final int MAX_TITLE = 300;

    private DocumentMetadata() {}

    /**
     * The document's text as Weft keeps it: an e-mail's subject, sender, recipients and date go first (Tika puts
     * them only in the metadata of .eml files); a document whose body has no text but which has a title (an
     * image-only PDF) is its title; otherwise "", which the caller refuses.
     */
    static String text(String body, Metadata metadata) {
        String title = title(metadata, "");
        if (metadata.get("Message-From") != null && !body.startsWith("# ")) {
            StringBuilder head = new StringBuilder();
            if (title != null) {
                head.append("# ").append(title).append("\n\n");
            }
            line(head, "From", metadata.get("Message-From"));
            line(head, "To", String.join(", ", metadata.getValues("Message-To")));
            line(head, "Cc", String.join(", ", metadata.getValues("Message-Cc")));
            line(head, "Date", metadata.get(TikaCoreProperties.CREATED));
            return (head + "\n" + body).strip();
        }
        if (body.isBlank() && title != null) {
            return "# " + title;
        }
        return body;
    }

    private static void line(StringBuilder out, String name, String value) {
        if (value != null && !value.isBlank()) {
            out.append(name).append(": ").append(value.strip()).append('\n');
        }
    }

    static ExtractedText extracted(String text, Metadata metadata) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "author", metadata, TikaCoreProperties.CREATOR.getName(), "meta:author", "Author");
        put(out, "created", metadata, TikaCoreProperties.CREATED.getName());
        put(out, "modified", metadata, TikaCoreProperties.MODIFIED.getName());
        put(out, "language", metadata, TikaCoreProperties.LANGUAGE.getName(), "Content-Language");
        put(out, "pages", metadata, "xmpTPg:NPages");
        String type = baseType(metadata.get(Metadata.CONTENT_TYPE));
        if (type != null) {
            out.put("content_type", type);
        }
        return new ExtractedText(text, title(metadata, text), type, out);
    }

    private static String title(Metadata metadata, String text) {
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (title == null || title.isBlank()) {
            Matcher heading = FIRST_HEADING.matcher(text);
            title = heading.find() ? heading.group(1) : null;
        }
        if (title == null || title.isBlank()) {
            return null;
        }
        title = title.replaceAll("\\s+", " ").strip();
        return title.length() > MAX_TITLE ? title.substring(0, MAX_TITLE) + "…" : title;
    }

    private static void put(Map<String, String> out, String key, Metadata metadata, String... names) {
        for (String name : names) {
            String[] values = metadata.getValues(name);
            String joined = String.join(", ", Arrays.stream(values).filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList());
            if (!joined.isEmpty()) {
                out.put(key, joined);
                return;
            }
        }
    }

    static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Why a document that parsed without error gave no text, and what to do. */
    static String noTextReason(String name, Metadata metadata) {
        String type = baseType(metadata.get(Metadata.CONTENT_TYPE));
        String[] parsers = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
        boolean unreadable = Arrays.stream(parsers).allMatch(p -> p.endsWith(".DefaultParser") || p.endsWith(".EmptyParser"));
        if (type != null && type.startsWith("image/")) {
            return name + " is a picture and has no extractable text: Weft does not read text in images (no OCR); "
                    + "upload the document the text comes from";
        }
        if (unreadable && type != null && !type.startsWith("text/")) {
            return name + " has no extractable text: it is a " + type + " file, which Weft cannot read; "
                    + "save it as PDF, Word or plain text and upload that";
        }
        if ("application/pdf".equals(type)) {
            return name + " has no extractable text (scanned image? Weft does not run OCR): "
                    + "upload a PDF with selectable text, or run it through OCR first";
        }
        if (type != null && (type.contains("zip") || type.contains("tar") || type.contains("compress") || type.contains("gzip"))) {
            return name + " has no extractable text: the archive holds no readable documents (it may be corrupt, "
                    + "or hold only pictures or encrypted files)";
        }
        return name + " has no extractable text (scanned image? only pictures? an empty document?): "
                + "upload a file with selectable text";
    }
}
