package dev.weft.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    @Test
    void writesFieldsAndFilesBetweenBoundaries() {
        MultipartForm form = new MultipartForm();
        form.field("model", "whisper-1");
        String head = form.file("file", "a.wav", "audio/wav", new byte[] {1, 2, 3});
        form.end();

        String boundary = form.contentType().substring("multipart/form-data; boundary=".length());
        String body = new String(form.bytes(), StandardCharsets.ISO_8859_1);
        assertThat(body).isEqualTo("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\n"
                + "\u0001\u0002\u0003\r\n--" + boundary + "--\r\n");
        assertThat(head).endsWith("Content-Type: audio/wav\r\n\r\n");
    }

    @Test
    void aNameCannotBreakOutOfItsHeader() {
        MultipartForm form = new MultipartForm();
        String head = form.file("f\"x", "evil\"\r\nX-Injected: 1.txt", null, new byte[0]);

        assertThat(head).contains("name=\"f%22x\"; filename=\"evil%22%0D%0AX-Injected: 1.txt\"")
                .contains("Content-Type: application/octet-stream")
                .doesNotContain("\r\nX-Injected");
    }
}
