package dev.weft.model.local;

import java.nio.file.Path;

/**
 * How to run a GGUF file in process: {@code contextSize} tokens of context (prompt plus answer), {@code threads}
 * CPU threads (0: llama.cpp's choice), {@code gpuLayers} layers offloaded to a GPU (0: CPU only, the default; it
 * needs a GPU build of llama.cpp's library, see the README), and {@code maxTokens}, the answer length when a node
 * sets no max_tokens.
 */
public record LocalGgufSettings(Path path, int contextSize, int threads, int gpuLayers, int maxTokens) {

    public static final int DEFAULT_CONTEXT = 4096;
    public static final int DEFAULT_MAX_TOKENS = 512;

    public LocalGgufSettings {
        if (path == null) {
            throw new IllegalArgumentException("give the path of a .gguf model file");
        }
        path = path.toAbsolutePath().normalize();
        contextSize = contextSize <= 0 ? DEFAULT_CONTEXT : contextSize;
        if (contextSize < 16 || contextSize > 1 << 20) {
            throw new IllegalArgumentException("the context size must be between 16 and 1048576 tokens, got " + contextSize);
        }
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("threads must be 0 (automatic) or a positive count, got " + threads);
        }
        if (gpuLayers < 0) {
            throw new IllegalArgumentException("GPU layers must be 0 (CPU only) or a positive count, got " + gpuLayers);
        }
        maxTokens = maxTokens <= 0 ? DEFAULT_MAX_TOKENS : maxTokens;
    }
}
