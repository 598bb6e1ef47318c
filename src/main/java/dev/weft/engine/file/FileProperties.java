package dev.weft.engine.file;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code weft.files}: {@code max-bytes}, the largest file a node reads (default 15 MB). */
@ConfigurationProperties("weft.files")
public record FileProperties(Long maxBytes) {

    public static final long DEFAULT_MAX_BYTES = 15L * 1024 * 1024;

    public FileProperties {
        maxBytes = maxBytes == null || maxBytes <= 0 ? DEFAULT_MAX_BYTES : maxBytes;
    }
}
