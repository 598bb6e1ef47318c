package dev.weft.knowledge.embed;

/**
 * Where in-process models run ({@code weft.knowledge.embedding.device}). {@code AUTO}: CUDA when ONNX Runtime
 * offers it and a session on GPU 0 can be created, else CPU. {@code CUDA}: GPU 0 or fail. {@code CPU}: always CPU.
 * CUDA needs the build with {@code -Dgpu} (onnxruntime_gpu) plus the CUDA 12 and cuDNN 9 libraries.
 */
public enum EmbeddingDevice {
    AUTO,
    CPU,
    CUDA
}
