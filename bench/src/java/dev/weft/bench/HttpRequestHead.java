package dev.weft.bench;

import java.io.IOException;
import java.io.InputStream;

/**
 * The head of an HTTP/1.1 message read from a stream: the start line and the two headers the bench's plain-socket
 * client and server need (Content-Length, chunked Transfer-Encoding, and Connection: close).
 */
record HttpRequestHead(String startLine, int contentLength, boolean chunked, boolean close) {

    /** Reads a head, or returns null at the end of the stream before any byte of it. */
    static HttpRequestHead read(InputStream in) throws IOException {
        String start = line(in);
        if (start == null) {
            return null;
        }
        int length = 0;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        return new HttpRequestHead(start, length, chunked, close);
    }

    /** The body that follows this head: by its length, or its chunks put together. */
    byte[] body(InputStream in) throws IOException {
        if (!chunked) {
            return in.readNBytes(contentLength);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("the chunked body ended early");
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (n == 0) {
                for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                    // trailers are not used
                }
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            line(in);
        }
    }

    /** The status code of a response's start line. */
    int status() {
        int sp = startLine.indexOf(' ');
        return Integer.parseInt(startLine.substring(sp + 1, sp + 4));
    }

    /** One CRLF-ended line as ISO-8859-1, without its end; null at the end of the stream before any byte. */
    static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') {
                    b.setLength(len - 1);
                }
                return b.toString();
            }
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }
}
