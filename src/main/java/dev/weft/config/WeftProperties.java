package dev.weft.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code weft.*}. {@code dataDir} holds the H2 database, the secret key file, uploads and
 * indexes; it defaults to {@code ./data} and follows {@code WEFT_DATA_DIR}.
 */
@ConfigurationProperties("weft")
public record WeftProperties(Path dataDir) {

    public WeftProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
    }
}
