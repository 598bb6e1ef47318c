package dev.weft.api.service;

import dev.weft.publish.file.UploadFile;
import dev.weft.publish.file.UploadFileService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Stores a file an end user uploads to an app, for the Service API and the web app alike, and answers with the upload
 * in Dify's shape; its id goes into inputs as {@code {transfer_method: "local_file", upload_file_id}}.
 */
@Component
class EndUserUploads {

    private final UploadFileService uploads;

    EndUserUploads(UploadFileService uploads) {
        this.uploads = uploads;
    }

    /** Stores {@code file} (400 {@code no_file_uploaded} when the part is missing; the limits of {@link UploadFileService}). */
    Map<String, Object> store(String appId, String user, MultipartFile file) {
        if (file == null) {
            throw new ServiceApiException(400, "no_file_uploaded", "Please upload your file: the multipart part 'file' is missing.");
        }
        try {
            return view(uploads.store(appId, user, file.getOriginalFilename(), file.getSize(), file.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {id, name, size, extension, mime_type, created_by, created_at, preview_url, source_url}}. */
    static Map<String, Object> view(UploadFile stored) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", stored.getId());
        body.put("name", stored.getName());
        body.put("size", stored.getSize());
        body.put("extension", stored.getExtension());
        body.put("mime_type", stored.getMimeType());
        body.put("created_by", stored.getCreatedBy());
        body.put("created_at", stored.getCreatedAt().getEpochSecond());
        body.put("preview_url", null);
        body.put("source_url", null);
        return body;
    }
}
