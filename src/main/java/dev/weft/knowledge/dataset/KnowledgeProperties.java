package dev.weft.knowledge.dataset;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code weft.knowledge.*}: where source files live, upload limits, and how many documents are indexed at once.
 */
@ConfigurationProperties(prefix = "weft.knowledge")
public record KnowledgeProperties(Path filesDir, Long maxFileSize, Integer maxFilesPerUpload, Integer indexingWorkers,
        Integer embeddingBatchSize) {

    public KnowledgeProperties {
        filesDir = filesDir == null ? Path.of("data", "knowledge", "files") : filesDir;
        maxFileSize = maxFileSize == null ? 15L * 1024 * 1024 : maxFileSize;
        maxFilesPerUpload = maxFilesPerUpload == null ? 20 : maxFilesPerUpload;
        indexingWorkers = indexingWorkers == null ? 2 : Math.max(1, indexingWorkers);
        embeddingBatchSize = embeddingBatchSize == null ? 64 : Math.max(1, embeddingBatchSize);
    }
}
