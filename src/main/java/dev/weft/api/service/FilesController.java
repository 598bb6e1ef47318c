package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.publish.file.UploadFile;
import dev.weft.publish.file.UploadFileService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v1/files/upload} (multipart {@code file} and {@code user}): 201 with the upload, whose id goes
 * into inputs as {@code {type, transfer_method: "local_file", upload_file_id}} (dify-reference §3.8).
 */
@RestController
@RequestMapping("/v1/files")
class FilesController {

    private final ServiceApps apps;
    private final UploadFileService uploads;

    FilesController(ServiceApps apps, UploadFileService uploads) {
        this.apps = apps;
        this.uploads = uploads;
    }

    @PostMapping("/upload")
    ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal ServiceCaller caller,
            @RequestPart(name = "file", required = false) MultipartFile file, @RequestParam(required = false) String user) {
        App app = apps.app(caller);
        String u = ServiceApps.requireUser(user);
        if (file == null) {
            throw new ServiceApiException(400, "no_file_uploaded", "Please upload your file: the multipart part 'file' is missing.");
        }
        UploadFile stored;
        try {
            stored = uploads.store(app.getId(), u, file.getOriginalFilename(), file.getSize(), file.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
}
