package dev.weft.knowledge.extract;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code weft.knowledge.upload}: {@code max-file-size}, the largest document a dataset accepts
 * (default 15MB), and {@code max-files}, how many files one upload may hold (default 20).
 */
@ConfigurationProperties("weft.knowledge.upload")
public record UploadLimits(DataSize maxFileSize, Integer maxFiles) {

    public static final DataSize DEFAULT_MAX_FILE_SIZE = DataSize.ofMegabytes(15);
    public static final int DEFAULT_MAX_FILES = 20;
    public static final UploadLimits DEFAULT = new UploadLimits(null, null);

    public UploadLimits {
        maxFileSize = maxFileSize == null || maxFileSize.toBytes() <= 0 ? DEFAULT_MAX_FILE_SIZE : maxFileSize;
        maxFiles = maxFiles == null || maxFiles <= 0 ? DEFAULT_MAX_FILES : maxFiles;
    }
}
