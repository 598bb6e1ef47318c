package dev.weft.publish.file;

import dev.weft.engine.file.LocalAndRemoteFileResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.tika.Tika;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps files uploaded to an app: checks name, type and size (Dify's limits per type), writes the bytes
 * where runs read uploads ({@link LocalAndRemoteFileResolver#uploadPath}) and records them.
 */
@Service
public class UploadFileService {

    static final int MAX_NAME_LENGTH = 255;
    private static final Tika TIKA = new Tika();

    private final UploadFileRepository files;
    private final LocalAndRemoteFileResolver storage;

    public UploadFileService(UploadFileRepository files, LocalAndRemoteFileResolver storage) {
        this.files = files;
        this.storage = storage;
    }

    /** Stores {@code content} (at most {@code declaredSize} bytes are expected) as a file of the app. */
    @Transactional
    public UploadFile store(String appId, String user, String originalName, long declaredSize, InputStream content) {
        String name = originalName == null ? "" : Path.of(originalName.replace('\\', '/')).getFileName() == null
                ? "" : Path.of(originalName.replace('\\', '/')).getFileName().toString().strip();
        if (name.isEmpty()) {
            throw new UploadRejectedException(400, "filename_not_exists_error", "the uploaded file has no name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            name = name.substring(name.length() - MAX_NAME_LENGTH);
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (extension.isEmpty() || FileKinds.refused(extension) || extension.length() > 32) {
            throw new UploadRejectedException(415, "unsupported_file_type",
                    "'" + name + "': files of this type cannot be uploaded" + (extension.isEmpty() ? " (it has no extension)" : ""));
        }
        String type = FileKinds.typeOf(extension);
        long limit = FileKinds.sizeLimit(type);
        if (declaredSize > limit) {
            throw tooLarge(name, type, limit);
        }
        String id = UUID.randomUUID().toString();
        try {
            Path target = storage.uploadPath(id);
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(id + ".part");
            long written;
            try (InputStream in = content) {
                written = Files.copy(new LimitedInputStream(in, limit + 1), partial, StandardCopyOption.REPLACE_EXISTING);
            }
            if (written > limit) {
                Files.deleteIfExists(partial);
                throw tooLarge(name, type, limit);
            }
            if (written == 0) {
                Files.deleteIfExists(partial);
                throw new UploadRejectedException(400, "no_file_uploaded", "'" + name + "' is empty");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            return files.save(new UploadFile(id, appId, name, written, extension, TIKA.detect(name), user));
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the upload '" + name + "'", e);
        }
    }

    /** The app's upload with this id. */
    @Transactional(readOnly = true)
    public Optional<UploadFile> find(String appId, String id) {
        return id == null ? Optional.empty() : files.findById(id).filter(f -> f.getAppId().equals(appId));
    }

    private static UploadRejectedException tooLarge(String name, String type, long limit) {
        return new UploadRejectedException(413, "file_too_large",
                "'" + name + "' is larger than the " + (limit / FileKinds.MB) + " MB allowed for " + type + " files");
    }
}
