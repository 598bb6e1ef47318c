package dev.weft.knowledge.embed;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the in-process embedding models, under {@code weft.knowledge.embedding}.
 *
 * <ul>
 *   <li>{@code device}: {@code auto} (default), {@code cpu} or {@code cuda}; see {@link EmbeddingDevice}.
 *   <li>{@code threads}: CPU threads one model uses; on CPU that many batches run at the same time, one thread each
 *       (faster than one batch on several intra-op threads; see {@code EmbeddingThroughputBench}). Default: the
 *       number of available processors.
 *   <li>{@code batch-size}: the most texts in one batch; 0 (default) means 8 on CPU and 64 on CUDA. Batches also
 *       hold at most {@code batch-size} × 64 tokens including padding, so long texts go in smaller batches or alone
 *       (on CPU, texts of about 300 tokens ran faster one at a time than batched, short ones faster batched), and
 *       only texts of about the same length share a batch.
 *       Dynamically quantised models always run one text at a time (see {@code LocalModelSpec}).
 * </ul>
 */
@ConfigurationProperties("weft.knowledge.embedding")
public record EmbeddingProperties(EmbeddingDevice device, Integer threads, Integer batchSize) {

    public EmbeddingProperties {
        device = device == null ? EmbeddingDevice.AUTO : device;
        threads = threads == null || threads < 1 ? Runtime.getRuntime().availableProcessors() : threads;
        batchSize = batchSize == null || batchSize < 0 ? 0 : batchSize;
    }

    public static EmbeddingProperties defaults() {
        return new EmbeddingProperties(null, null, null);
    }

    public EmbeddingProperties withDevice(EmbeddingDevice other) {
        return new EmbeddingProperties(other, threads, batchSize);
    }

    public EmbeddingProperties withThreads(int other) {
        return new EmbeddingProperties(device, other, batchSize);
    }

    public EmbeddingProperties withBatchSize(int other) {
        return new EmbeddingProperties(device, threads, other);
    }

    /** The batch size to use on {@code used}, the device a model actually runs on. */
    int batchSizeOn(EmbeddingDevice used) {
        return batchSize > 0 ? batchSize : used == EmbeddingDevice.CUDA ? 64 : 8;
    }
}
