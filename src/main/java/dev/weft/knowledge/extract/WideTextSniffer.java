package dev.weft.knowledge.extract;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Recognises text stored in UTF-16 or UTF-32: by its byte order mark, or (UTF-16 without a mark) by the zero byte
 * beside each Latin letter. Tika reads such text fine as plain text but not inside e-mails or XML whose header
 * names another charset, so these files are turned into UTF-8 before parsing.
 */
final class WideTextSniffer {

    static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private static final Pattern XML_ENCODING = Pattern.compile("\\A(\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"'])([^\"']*)([\"'])");

    /** Bytes looked at to decide. */
    static final int SAMPLE = 4096;

    private WideTextSniffer() {}

    /** The charset of {@code head} (the first bytes of a file) when it is UTF-16 or UTF-32 text, else null. */
    static Charset sniff(byte[] head, int length) {
        if (startsWith(head, length, 0x00, 0x00, 0xFE, 0xFF)) {
            return UTF_32BE;
        }
        if (startsWith(head, length, 0xFF, 0xFE, 0x00, 0x00)) {
            return UTF_32LE;
        }
        if (startsWith(head, length, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        if (startsWith(head, length, 0xFF, 0xFE)) {
            return StandardCharsets.UTF_16LE;
        }
        return zeroPattern(head, length);
    }

    /** UTF-16 without a byte order mark: most code units are ASCII, so every other byte is zero. */
    private static Charset zeroPattern(byte[] b, int length) {
        int pairs = Math.min(length, SAMPLE) / 2;
        if (pairs < 8) {
            return null;
        }
        int evenZero = 0;
        int oddZero = 0;
        for (int i = 0; i < pairs; i++) {
            int even = b[2 * i] & 0xFF;
            int odd = b[2 * i + 1] & 0xFF;
            if (even == 0 && odd != 0) {
                evenZero += isTextByte(odd) ? 1 : 0;
            } else if (odd == 0 && even != 0) {
                oddZero += isTextByte(even) ? 1 : 0;
            }
        }
        if (evenZero >= pairs * 0.9) {
            return StandardCharsets.UTF_16BE;
        }
        if (oddZero >= pairs * 0.9) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    private static boolean isTextByte(int b) {
        return b == '\t' || b == '\n' || b == '\r' || b >= 0x20;
    }

    private static boolean startsWith(byte[] b, int length, int... prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text re-encoded as UTF-8. Markup gets a UTF-8 byte order mark, which outranks the charset an HTML page
     * declares, and an XML declaration is changed to say UTF-8; other text (an e-mail's first header) gets none.
     */
    static byte[] toUtf8(byte[] bytes, Charset charset) {
        String text = new String(bytes, charset);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (!text.stripLeading().startsWith("<")) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        text = XML_ENCODING.matcher(text).replaceFirst("$1UTF-8$3");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, out, 3, utf8.length);
        return out;
    }
}
