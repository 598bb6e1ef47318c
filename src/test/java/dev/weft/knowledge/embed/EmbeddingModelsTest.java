package dev.weft.knowledge.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.model.openai.OpenAiSettings;
import dev.weft.model.provider.ModelProvidersChanged;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resolving ids to models: local models shared, provider models through the provider look-up, errors named. */
class EmbeddingModelsTest {

    private static final GuardedHttpClient HTTP = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of("127.0.0.1"))));

    @Test
    void localModelsLoadOnceAndBlankMeansTheDefault() {
        try (EmbeddingModels models = new EmbeddingModels()) {
            EmbeddingModel model = models.get(LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q);
            assertSame(model, models.get(LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q));
            assertEquals(LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, model.id());
            assertEquals(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15, EmbeddingModels.DEFAULT_ID);
            assertEquals(LocalOnnxEmbeddingModel.IDS, models.localIds());
        }
    }

    @Test
    void providerModelsUseTheProvidersSettings() {
        try (FakeEmbeddingsServer server = FakeEmbeddingsServer.start(8);
                EmbeddingModels models = new EmbeddingModels(EmbeddingProperties.defaults(), (providerId, model) -> {
                    assertEquals("3f2a-provider", providerId);
                    return new OpenAiSettings(server.baseUrl(), "sk-from-provider", model);
                }, HTTP)) {
            String id = EmbeddingModels.providerModelId("3f2a-provider", "nomic-ai/nomic-embed-text");
            assertEquals("provider:3f2a-provider/nomic-ai/nomic-embed-text", id);
            EmbeddingModel model = models.get(id);
            assertInstanceOf(OpenAiCompatibleEmbeddingModel.class, model);
            assertEquals(id, model.id());
            assertEquals(8, model.embedQuery("hi").length);
            assertEquals("nomic-ai/nomic-embed-text", server.requests().getFirst().body().path("model").asString());
            assertEquals("Bearer sk-from-provider", server.requests().getFirst().authorization());

            assertSame(model, models.get(id));
            models.onProvidersChanged(new ModelProvidersChanged("other-provider"));
            assertSame(model, models.get(id));
            models.onProvidersChanged(new ModelProvidersChanged("3f2a-provider"));
            assertNotSame(model, models.get(id));
        }
    }

    @Test
    void unknownAndMalformedIdsAreExplained() {
        try (EmbeddingModels models = new EmbeddingModels(EmbeddingProperties.defaults(), (providerId, model) -> {
            throw new EmbeddingException("no model provider with the id '" + providerId + "'");
        }, HTTP)) {
            assertEquals("unknown embedding model 'local:gte-large'; choose one of " + LocalOnnxEmbeddingModel.IDS
                    + " or provider:<providerId>/<model>", assertThrows(EmbeddingException.class, () -> models.get("local:gte-large")).getMessage());
            assertTrue(assertThrows(EmbeddingException.class, () -> models.get("provider:abc")).getMessage()
                    .startsWith("a provider embedding model id looks like provider:<providerId>/<model>"));
            assertTrue(assertThrows(EmbeddingException.class, () -> models.get("provider:abc/")).getMessage()
                    .startsWith("a provider embedding model id looks like"));
            assertEquals("no model provider with the id 'gone'",
                    assertThrows(EmbeddingException.class, () -> models.get("provider:gone/m")).getMessage());
        }
        try (EmbeddingModels localOnly = new EmbeddingModels()) {
            assertTrue(assertThrows(EmbeddingException.class, () -> localOnly.get("provider:p/m")).getMessage()
                    .startsWith("provider embedding models are not available here"));
        }
    }
}
