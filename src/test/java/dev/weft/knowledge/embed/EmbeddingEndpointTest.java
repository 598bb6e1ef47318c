package dev.weft.knowledge.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.model.http.FakeUpstream;
import dev.weft.model.http.FakeUpstream.Response;
import dev.weft.model.openai.OpenAiSettings;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Ollama's native /api/embed and Azure OpenAI's deployment endpoint, against a fake on 127.0.0.1. */
class EmbeddingEndpointTest {

    private static final GuardedHttpClient HTTP = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of("127.0.0.1"))));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FakeUpstream fake = FakeUpstream.start();

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void ollamaEmbedsThroughApiEmbed() {
        var endpoint = new EmbeddingEndpoint(EmbeddingEndpoint.Format.OLLAMA, new OpenAiSettings(fake.baseUrl() + "/v1", null, "nomic-embed-text"), null);
        var model = new OpenAiCompatibleEmbeddingModel("provider:o/nomic-embed-text", endpoint, HTTP);
        fake.enqueue(Response.json(200, "{\"model\":\"nomic-embed-text\",\"embeddings\":[[3,4],[0,2]],\"total_duration\":1,\"prompt_eval_count\":6}"));

        List<float[]> vectors = model.embedDocuments(List.of("a", "b"));

        assertThat(fake.lastRequest().path()).isEqualTo("/api/embed");
        assertThat(fake.lastRequest().body()).isEqualTo(JSON.readTree("{\"model\":\"nomic-embed-text\",\"input\":[\"a\",\"b\"]}"));
        assertThat(vectors.get(0)).containsExactly(0.6f, 0.8f);
        assertThat(vectors.get(1)).containsExactly(0f, 1f);
        assertThat(model.promptTokensUsed()).isEqualTo(6);
        assertThat(model.dimensions()).isEqualTo(2);

        fake.enqueue(Response.json(404, "{\"error\":\"model \\\"nomic-embed-text\\\" not found, try pulling it first\"}"));
        assertThatThrownBy(() -> model.embedQuery("q")).isInstanceOf(EmbeddingException.class).hasMessageContaining("try pulling it first")
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void azureEmbedsThroughTheDeploymentWithTheApiKeyHeader() {
        var endpoint = new EmbeddingEndpoint(EmbeddingEndpoint.Format.AZURE, new OpenAiSettings(fake.baseUrl(), "az-key", "emb-deploy"), "2024-10-21");
        var model = new OpenAiCompatibleEmbeddingModel("provider:a/emb-deploy", endpoint, HTTP);
        fake.enqueue(Response.json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[1,0,0]}],"
                + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}"));

        assertThat(model.embedQuery("hello")).containsExactly(1f, 0f, 0f);

        assertThat(fake.lastRequest().path()).isEqualTo("/openai/deployments/emb-deploy/embeddings");
        assertThat(fake.lastRequest().query()).isEqualTo("api-version=2024-10-21");
        assertThat(fake.lastRequest().header("api-key")).isEqualTo("az-key");
        assertThat(fake.lastRequest().header("Authorization")).isNull();
    }
}
