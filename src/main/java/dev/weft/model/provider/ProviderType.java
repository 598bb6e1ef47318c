package dev.weft.model.provider;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kinds of model provider Weft can call, by the id stored in {@code model_provider.provider_type}. Each says
 * what its base URL is when a person leaves it empty, and whether it serves embeddings and rerank models.
 * For {@link #LOCAL_GGUF} the "base URL" column holds the path of the model file.
 */
public enum ProviderType {

    OPENAI("openai", "OpenAI", "https://api.openai.com/v1", true, false),
    AZURE_OPENAI("azure-openai", "Azure OpenAI", null, true, false),
    ANTHROPIC("anthropic", "Anthropic", "https://api.anthropic.com", false, false),
    GEMINI("gemini", "Google Gemini", "https://generativelanguage.googleapis.com", false, false),
    MISTRAL("mistral", "Mistral", "https://api.mistral.ai/v1", true, false),
    OLLAMA("ollama", "Ollama", "http://127.0.0.1:11434", true, false),
    OPENAI_COMPATIBLE("openai-compatible", "OpenAI-compatible (Groq, DeepSeek, OpenRouter, Together, vLLM, LM Studio, llama.cpp)",
            null, true, true),
    LOCAL_GGUF("local-gguf", "Local GGUF file (llama.cpp in Weft)", null, false, false);

    private final String id;
    private final String label;
    private final String defaultBaseUrl;
    private final boolean embeddings;
    private final boolean rerank;

    ProviderType(String id, String label, String defaultBaseUrl, boolean embeddings, boolean rerank) {
        this.id = id;
        this.label = label;
        this.defaultBaseUrl = defaultBaseUrl;
        this.embeddings = embeddings;
        this.rerank = rerank;
    }

    public String id() { return id; }
    public String label() { return label; }
    /** The base URL used when none is given; null when one must be given. */
    public String defaultBaseUrl() { return defaultBaseUrl; }
    public boolean servesEmbeddings() { return embeddings; }
    /** Serves a Cohere/Jina-style {@code POST /rerank}. */
    public boolean servesRerank() { return rerank; }
    public boolean local() { return this == LOCAL_GGUF; }

    /** The type with this id; throws {@link IllegalArgumentException} listing the known ones. */
    public static ProviderType of(String id) {
        String wanted = id == null || id.isBlank() ? OPENAI_COMPATIBLE.id : id.strip();
        return Arrays.stream(values()).filter(t -> t.id.equals(wanted)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unsupported provider type '" + wanted + "'; Weft supports " + ids()));
    }

    public static String ids() {
        return Arrays.stream(values()).map(ProviderType::id).collect(Collectors.joining(", "));
    }
}
