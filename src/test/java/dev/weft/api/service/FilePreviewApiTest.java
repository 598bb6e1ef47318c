package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/files/{file_id}/preview}: an end user reads back its own upload, inline or as an attachment (dify-reference §3.8). */
class FilePreviewApiTest extends ServiceApiTestBase {

    @Test
    void anUploadIsReadBackInlineOrAsAnAttachmentByItsOwnerOnly() {
        String key = key(publishedApp(AppMode.WORKFLOW));
        String id = upload(key, "notes.txt", "Weft keeps what you upload.", "fp-1");

        Response inline = get(key, "/v1/files/" + id + "/preview?user=fp-1");
        assertThat(inline.status()).isEqualTo(200);
        assertThat(inline.body()).isEqualTo("Weft keeps what you upload.");
        assertThat(inline.header("Content-Type")).startsWith("text/plain");
        assertThat(inline.header("Content-Disposition")).startsWith("inline").contains("notes.txt");
        assertThat(inline.header("X-Content-Type-Options")).isEqualTo("nosniff");

        Response attachment = get(key, "/v1/files/" + id + "/preview?user=fp-1&as_attachment=true");
        assertThat(attachment.status()).isEqualTo(200);
        assertThat(attachment.header("Content-Disposition")).startsWith("attachment").contains("filename=\"notes.txt\"");

        Response stranger = get(key, "/v1/files/" + id + "/preview?user=fp-2");
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(fieldNames(stranger.json())).containsExactly("code", "message", "status");
        assertThat(stranger.json().get("code").asString()).isEqualTo("forbidden");
        Response otherApp = get(key(publishedApp(AppMode.WORKFLOW)), "/v1/files/" + id + "/preview?user=fp-1");
        assertThat(otherApp.status()).isEqualTo(404);
        assertThat(otherApp.json().get("code").asString()).isEqualTo("not_found");
        assertThat(get(key, "/v1/files/no-such-file/preview?user=fp-1").status()).isEqualTo(404);
        Response noUser = get(key, "/v1/files/" + id + "/preview");
        assertThat(noUser.status()).isEqualTo(400);
        assertThat(noUser.json().get("code").asString()).isEqualTo("invalid_param");
    }

    @Test
    void aPageLikeUploadIsNeverShownInline() {
        String key = key(publishedApp(AppMode.WORKFLOW));
        String id = upload(key, "page.html", "<script>alert(1)</script>", "fp-3");
        Response r = get(key, "/v1/files/" + id + "/preview?user=fp-3");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).startsWith("attachment");
    }

    private String upload(String key, String name, String content, String user) {
        MultipartBody form = new MultipartBody().field("user", user)
                .file("file", name, "application/octet-stream", content.getBytes(StandardCharsets.UTF_8));
        Response r = send(HttpRequest.newBuilder(URI.create(url("/v1/files/upload"))).header("Authorization", "Bearer " + key)
                .header("Content-Type", form.contentType()).POST(form.publisher()).build());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }
}
