package dev.weft.engine.node.httprequest;

import dev.weft.security.OutboundResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** Decides, as Dify does, whether a response is a file (binary or an attachment) or text. */
final class ResponseKind {

    private ResponseKind() {}

    static boolean isFile(OutboundResponse response) {
        String disposition = response.header("content-disposition").orElse("").toLowerCase(Locale.ROOT);
        if (disposition.startsWith("attachment") || disposition.contains("filename")) {
            return true;
        }
        String type = mimeType(response);
        if (type.startsWith("text/")) {
            return type.contains("csv");
        }
        if (type.startsWith("application/")) {
            for (String textual : new String[] {"json", "xml", "javascript", "x-www-form-urlencoded", "yaml", "graphql"}) {
                if (type.contains(textual)) {
                    return false;
                }
            }
            byte[] sample = Arrays.copyOf(response.body(), Math.min(1024, response.body().length));
            if (!isUtf8(sample)) {
                return true;
            }
            String s = new String(sample, StandardCharsets.UTF_8);
            for (String marker : new String[] {"{", "[", "<", "function", "var ", "const ", "let "}) {
                if (s.contains(marker)) {
                    return false;
                }
            }
            return true;
        }
        return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/");
    }

    static String mimeType(OutboundResponse response) {
        return response.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            // a sample cut inside a multi-byte character still counts as text
            return bytes.length >= 1024 && isUtf8(Arrays.copyOf(bytes, bytes.length - 3));
        }
    }
}
