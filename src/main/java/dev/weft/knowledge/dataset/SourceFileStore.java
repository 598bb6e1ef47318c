package dev.weft.knowledge.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Keeps each document's source (the uploaded file, the fetched page text, the pasted text) under
 * {@code <files-dir>/<dataset>/<document>}, written to a temporary file and moved into place, so that a crash never
 * leaves half a file and indexing can always start again from the source.
 */
@Component
public class SourceFileStore {

    private final Path root;

    public SourceFileStore(KnowledgeProperties properties) {
        this.root = properties.filesDir().toAbsolutePath().normalize();
    }

    /** Stores the content; returns the path relative to the files directory. Reads at most {@code limit + 1} bytes. */
    public StoredFile store(String datasetId, String documentId, String filename, InputStream content, long limit) {
        Path dir = root.resolve(datasetId).resolve(documentId);
        String safeName = safeName(filename);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".upload-", ".tmp");
            long size;
            try (InputStream in = content) {
                size = copyLimited(in, tmp, limit);
            }
            if (size > limit) {
                Files.deleteIfExists(tmp);
                deleteDocument(datasetId, documentId);
                return new StoredFile(null, size, true);
            }
            Path target = dir.resolve(safeName);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new StoredFile(root.relativize(target).toString(), size, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store " + safeName + ": " + e.getMessage(), e);
        }
    }

    /** The stored file's absolute path. */
    public Path resolve(String relativePath) {
        Path p = root.resolve(relativePath).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("source path outside the files directory: " + relativePath);
        }
        return p;
    }

    public void deleteDocument(String datasetId, String documentId) {
        deleteTree(root.resolve(datasetId).resolve(documentId));
    }

    public void deleteDataset(String datasetId) {
        deleteTree(root.resolve(datasetId));
    }

    /** A stored file: {@code path} is null when the content was over the limit ({@code tooLarge}). */
    public record StoredFile(String path, long size, boolean tooLarge) {}

    static String safeName(String filename) {
        String name = filename == null ? "" : filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\x00-\\x1f:*?\"<>|]", "_").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "document";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static long copyLimited(InputStream in, Path target, long limit) throws IOException {
        try (var out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    return total;
                }
                out.write(buffer, 0, n);
            }
            return total;
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException ignored) {
                    // gone already
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
