package dev.weft.knowledge.dataset;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code weft.knowledge.*}: where source files live, upload limits, how many documents are indexed at once, and how
 * often the indexing job commits the index (every {@code commit-interval} or {@code commit-max-chunks} chunks).
 */
@ConfigurationProperties(prefix = "weft.knowledge")
public record KnowledgeProperties(Path filesDir, Long maxFileSize, Integer maxFilesPerUpload, Integer indexingWorkers,
        Integer embeddingBatchSize, Duration commitInterval, Integer commitMaxChunks) {

    public KnowledgeProperties {
        filesDir = filesDir == null ? Path.of("data", "knowledge", "files") : filesDir;
        maxFileSize = maxFileSize == null ? 15L * 1024 * 1024 : maxFileSize;
        maxFilesPerUpload = maxFilesPerUpload == null ? 20 : maxFilesPerUpload;
        indexingWorkers = indexingWorkers == null ? 2 : Math.max(1, indexingWorkers);
        embeddingBatchSize = embeddingBatchSize == null ? 64 : Math.max(1, embeddingBatchSize);
        commitInterval = commitInterval == null ? Duration.ofSeconds(1) : commitInterval;
        commitMaxChunks = commitMaxChunks == null ? 2048 : Math.max(1, commitMaxChunks);
    }
}
