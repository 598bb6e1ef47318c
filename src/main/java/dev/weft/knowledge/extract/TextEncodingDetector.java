package dev.weft.knowledge.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.html.HtmlEncodingDetector;
import org.apache.tika.parser.txt.BOMDetector;
import org.apache.tika.parser.txt.Icu4jEncodingDetector;

/**
 * Decides the charset of plain text and HTML more carefully than Tika's default chain, whose first statistical
 * guess (juniversalchardet) reads Latin-1 as Greek or Cyrillic: a byte order mark wins; then a charset the page
 * declares, unless it says UTF-8 and the bytes are not UTF-8; then valid UTF-8; then ICU4J's statistical guess.
 */
final class TextEncodingDetector implements EncodingDetector {

    private static final int SAMPLE = 64 * 1024;

    private final BOMDetector bom = new BOMDetector();
    private final HtmlEncodingDetector declared = new HtmlEncodingDetector();
    private final Icu4jEncodingDetector statistics = new Icu4jEncodingDetector();

    TextEncodingDetector() {
        statistics.setMarkLimit(SAMPLE);
    }

    @Override
    public Charset detect(InputStream input, Metadata metadata) throws IOException {
        if (input == null) {
            return null;
        }
        Charset byBom = bom.detect(input, metadata);
        if (byBom != null) {
            return byBom;
        }
        input.mark(SAMPLE);
        byte[] sample;
        try {
            sample = input.readNBytes(SAMPLE);
        } finally {
            input.reset();
        }
        boolean ascii = isAscii(sample);
        boolean utf8 = !ascii && isUtf8(sample);
        Charset byDeclaration = declared.detect(input, metadata);
        if (byDeclaration != null && !(byDeclaration.equals(StandardCharsets.UTF_8) && !ascii && !utf8)) {
            return byDeclaration;
        }
        if (ascii || utf8) {
            return StandardCharsets.UTF_8;
        }
        Charset guess = statistics.detect(input, metadata);
        return guess != null ? guess : Charset.forName("windows-1252");
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the sample decodes as UTF-8; a sequence cut off at the sample's end does not count against it. */
    private static boolean isUtf8(byte[] bytes) {
        int end = bytes.length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = bytes[end - back] & 0xFF;
            if (b >= 0xC0) {
                end -= back;
                break;
            }
            if (b < 0x80) {
                break;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes, 0, end));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
