package dev.weft.knowledge.retrieve;

/**
 * Where a rerank model is served: {@code baseUrl} ends before {@code /rerank} (such as {@code https://api.jina.ai/v1});
 * {@code apiKey} is sent as a bearer token and may be null. {@code providerName} names the provider in error messages.
 */
public record RerankEndpoint(String providerName, String baseUrl, String apiKey) {

    public RerankEndpoint {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("a rerank provider needs a base URL");
        }
        baseUrl = baseUrl.strip();
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    @Override
    public String toString() {
        return "RerankEndpoint[" + providerName + ", " + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "****") + "]";
    }
}
