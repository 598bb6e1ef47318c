package dev.weft.knowledge.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks an upload against {@link UploadLimits} before anything is read, and says what to do about each problem:
 * too many files in one upload, a file over the size limit, an empty file.
 */
@Component
public class UploadValidator {

    private final UploadLimits limits;

    public UploadValidator(UploadLimits limits) {
        this.limits = limits;
    }

    public UploadLimits limits() {
        return limits;
    }

    /** Every problem with this upload, one sentence each; empty when it may go ahead. */
    public List<String> validate(List<UploadCandidate> files) {
        List<String> problems = new ArrayList<>();
        checkBatch(files.size()).ifPresent(problems::add);
        for (UploadCandidate file : files) {
            checkFile(file.filename(), file.sizeBytes()).ifPresent(problems::add);
        }
        return problems;
    }

    /** Why an upload of {@code fileCount} files is refused, if it is. */
    public Optional<String> checkBatch(int fileCount) {
        int max = limits.maxFiles();
        if (fileCount > max) {
            return Optional.of("An upload can hold at most " + max + " files and this one has " + fileCount
                    + ": upload them in batches of " + max + " or fewer (limit set by weft.knowledge.upload.max-files).");
        }
        return Optional.empty();
    }

    /** Why this file is refused, if it is. */
    public Optional<String> checkFile(String filename, long sizeBytes) {
        String name = displayName(filename);
        long max = limits.maxFileSize().toBytes();
        if (sizeBytes == 0) {
            return Optional.of(name + " is empty (0 bytes): choose the file again, or a file with content.");
        }
        if (sizeBytes > max) {
            return Optional.of(name + " is " + size(sizeBytes) + ", more than the " + size(max) + " allowed per file: "
                    + "split it into smaller files or shrink its images, then upload it again "
                    + "(limit set by weft.knowledge.upload.max-file-size).");
        }
        return Optional.empty();
    }

    static String displayName(String filename) {
        return filename == null || filename.isBlank() ? "The file" : filename.strip();
    }

    /** A size for people: "812 bytes", "14.2 KB", "15 MB". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + units[unit];
    }
}
