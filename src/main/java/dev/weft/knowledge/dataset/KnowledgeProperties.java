package dev.weft.knowledge.dataset;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code weft.knowledge.*}: where source files live, upload limits, how many documents are indexed at once, and how
 * often the indexing job commits the index (every {@code commit-interval} or {@code commit-max-chunks} chunks).
 * <p>{@code indexing-workers} defaults to one more than the processors, the embedding threads' default: the
 * in-process model runs one batch per embedding thread at most, so with one worker more, one document is always
 * being parsed, split, stored or written to Lucene while the others keep every embedding thread busy.
 */
@ConfigurationProperties(prefix = "weft.knowledge")
public record KnowledgeProperties(Path filesDir, Long maxFileSize, Integer maxFilesPerUpload, Integer indexingWorkers,
        Integer embeddingBatchSize, Duration commitInterval, Integer commitMaxChunks) {

    public KnowledgeProperties {
        filesDir = filesDir == null ? Path.of("data", "knowledge", "files") : filesDir;
        maxFileSize = maxFileSize == null ? 15L * 1024 * 1024 : maxFileSize;
        maxFilesPerUpload = maxFilesPerUpload == null ? 20 : maxFilesPerUpload;
        indexingWorkers = indexingWorkers == null ? Runtime.getRuntime().availableProcessors() + 1 : Math.max(1, indexingWorkers);
        embeddingBatchSize = embeddingBatchSize == null ? 64 : Math.max(1, embeddingBatchSize);
        commitInterval = commitInterval == null ? Duration.ofSeconds(1) : commitInterval;
        commitMaxChunks = commitMaxChunks == null ? 2048 : Math.max(1, commitMaxChunks);
    }
}
