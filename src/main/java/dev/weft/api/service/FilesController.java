package dev.weft.api.service;

import dev.weft.app.App;
import dev.weft.publish.auth.ServiceCaller;
import dev.weft.publish.file.UploadFile;
import dev.weft.publish.file.UploadFileService;
import dev.weft.engine.file.LocalAndRemoteFileResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /v1/files/upload} (multipart {@code file} and {@code user}): 201 with the upload, whose id goes
 * into inputs as {@code {type, transfer_method: "local_file", upload_file_id}}, and {@code GET /v1/files/{file_id}/preview}
 * to read one back (dify-reference §3.8).
 */
@RestController
@RequestMapping("/v1/files")
class FilesController {

    /** Types a browser would run as a page if shown inline; they are always sent as attachments. */
    private static final Set<String> ACTIVE_TYPES = Set.of("text/html", "application/xhtml+xml", "image/svg+xml",
            "text/xml", "application/xml", "text/javascript", "application/javascript");

    private final ServiceApps apps;
    private final EndUserUploads uploads;
    private final UploadFileService files;
    private final LocalAndRemoteFileResolver storage;

    FilesController(ServiceApps apps, EndUserUploads uploads, UploadFileService files, LocalAndRemoteFileResolver storage) {
        this.apps = apps;
        this.uploads = uploads;
        this.files = files;
        this.storage = storage;
    }

    @PostMapping("/upload")
    ResponseEntity<Map<String, Object>> upload(@AuthenticationPrincipal ServiceCaller caller,
            @RequestPart(name = "file", required = false) MultipartFile file, @RequestParam(required = false) String user) {
        App app = apps.app(caller);
        String u = ServiceApps.requireUser(user);
        return ResponseEntity.status(HttpStatus.CREATED).body(uploads.store(app.getId(), u, file));
    }

    /**
     * {@code GET /v1/files/{file_id}/preview?user=&as_attachment=}: the bytes of an upload of this app by this end
     * user (404 for another app's or an unknown file, 403 {@code forbidden} for another user's), inline unless
     * {@code as_attachment} is true; page-like types (HTML, SVG, XML, scripts) are always attachments.
     */
    @GetMapping("/{fileId}/preview")
    ResponseEntity<Resource> preview(@AuthenticationPrincipal ServiceCaller caller, @PathVariable String fileId,
            @RequestParam(required = false) String user, @RequestParam(name = "as_attachment", defaultValue = "false") boolean asAttachment) {
        App app = apps.app(caller);
        String u = ServiceApps.requireUser(user);
        UploadFile file = files.find(app.getId(), fileId).orElseThrow(() -> ServiceApiException.notFound("File not found."));
        if (!u.equals(file.getCreatedBy())) {
            throw new ServiceApiException(403, "forbidden", "File access denied: the file was uploaded by another user.");
        }
        Path path;
        try {
            path = storage.uploadPath(file.getId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!Files.isRegularFile(path)) {
            throw ServiceApiException.notFound("File not found: its content is gone.");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(file.getMimeType() == null ? "application/octet-stream" : file.getMimeType());
        } catch (InvalidMediaTypeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        boolean attachment = asAttachment || ACTIVE_TYPES.contains(type.getType() + "/" + type.getSubtype());
        ContentDisposition disposition = (attachment ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(file.getName(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(type)
                .contentLength(file.getSize())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .body(new FileSystemResource(path));
    }
}
