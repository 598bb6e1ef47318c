package dev.weft.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body written part by part. Names and file names are escaped as browsers do
 * ({@code "} → {@code %22}, CR → {@code %0D}, LF → {@code %0A}), so a value cannot end its header line. Each
 * method returns the text it wrote (a file's content left out), for showing what was sent.
 */
public final class MultipartForm {

    private final String boundary = "----WeftFormBoundary" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** Writes a text field; returns the part as written. */
    public String field(String name, String value) {
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escape(name) + "\"\r\n\r\n" + value + "\r\n";
        write(part);
        return part;
    }

    /** Writes a file part; returns its header lines (without the content). */
    public String file(String name, String filename, String mimeType, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escape(name) + "\"; filename=\""
                + escape(filename) + "\"\r\nContent-Type: " + (mimeType == null ? "application/octet-stream" : mimeType) + "\r\n\r\n";
        write(head);
        body.writeBytes(content);
        write("\r\n");
        return head;
    }

    /** Writes the closing boundary; returns it. Call once, after the last part. */
    public String end() {
        String end = "--" + boundary + "--\r\n";
        write(end);
        return end;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] bytes() {
        return body.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
