package dev.weft.engine.file;

import dev.weft.config.WeftProperties;
import dev.weft.engine.variable.FileValue;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundRequest;
import dev.weft.security.OutboundResponse;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * Opens {@code local_file} uploads from {@code ${weft.data-dir}/uploads/{upload_file_id}} and downloads
 * {@code remote_url} files through the {@link GuardedHttpClient}; both at most {@code weft.files.max-bytes}.
 */
@Component
public class LocalAndRemoteFileResolver implements FileResolver {

    private final Path uploads;
    private final long maxBytes;
    private final GuardedHttpClient http;

    public LocalAndRemoteFileResolver(WeftProperties weft, FileProperties files, GuardedHttpClient http) {
        this.uploads = weft.dataDir().resolve("uploads");
        this.maxBytes = files.maxBytes();
        this.http = http;
    }

    /** Where the upload with this id lives; refuses ids that could leave the uploads folder. */
    public Path uploadPath(String uploadFileId) throws IOException {
        if (uploadFileId == null || uploadFileId.isBlank() || uploadFileId.contains("/") || uploadFileId.contains("\\")
                || uploadFileId.startsWith(".") || uploadFileId.contains("\0")) {
            throw new IOException("invalid upload file id '" + uploadFileId + "'");
        }
        return uploads.resolve(uploadFileId);
    }

    @Override
    public InputStream open(FileValue file) throws IOException {
        String name = file.filename() == null ? "file" : file.filename();
        if ("remote_url".equals(file.transferMethod())) {
            return download(file, name);
        }
        if (file.uploadFileId() == null) {
            if (file.url() != null && !file.url().isBlank()) {
                return download(file, name);
            }
            throw new IOException(name + " has neither an upload id nor a URL");
        }
        Path path = uploadPath(file.uploadFileId());
        if (!Files.isRegularFile(path)) {
            throw new FileNotFoundException(name + ": upload " + file.uploadFileId() + " not found");
        }
        long size = Files.size(path);
        if (size > maxBytes) {
            throw new IOException(name + " is " + size + " bytes, more than the limit of " + maxBytes + " (weft.files.max-bytes)");
        }
        return Files.newInputStream(path);
    }

    private InputStream download(FileValue file, String name) throws IOException {
        URI uri;
        try {
            uri = URI.create(file.url().trim());
        } catch (RuntimeException e) {
            throw new IOException(name + ": bad URL '" + file.url() + "'");
        }
        try {
            OutboundResponse response = http.send(OutboundRequest.get(uri, maxBytes));
            if (response.statusCode() / 100 != 2) {
                throw new IOException(name + ": download from " + uri + " failed with HTTP " + response.statusCode());
            }
            return new ByteArrayInputStream(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + name + " interrupted");
        }
    }
}
