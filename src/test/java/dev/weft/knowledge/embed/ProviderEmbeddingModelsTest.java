package dev.weft.knowledge.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * {@code provider:<id>/<model>} through the application: the stored provider's base URL and decrypted key reach a
 * fake OpenAI-compatible server on 127.0.0.1 (admitted by {@code weft.security.outbound.allow}), and a changed
 * provider is read again. Whole application without a web server, as in {@code ModelProviderServiceTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.autoconfigure.exclude="
                + "com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration,"
                + "com.vaadin.flow.spring.VaadinScopesConfig",
        "weft.security.outbound.allow=127.0.0.1",
        "weft.knowledge.embedding.device=cpu",
        "weft.knowledge.embedding.threads=3",
        "weft.knowledge.embedding.batch-size=24"})
class ProviderEmbeddingModelsTest {

    private static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", DATA_DIR::toString);
    }

    @Autowired ModelProviderService providers;
    @Autowired EmbeddingModels models;
    @Autowired EmbeddingProperties properties;

    private final FakeEmbeddingsServer server = FakeEmbeddingsServer.start(16);

    @AfterEach
    void cleanUp() {
        server.close();
        providers.list().forEach(p -> providers.delete(p.id()));
    }

    @AfterAll
    static void removeDataDir() throws IOException {
        FileSystemUtils.deleteRecursively(DATA_DIR);
    }

    @Test
    void embedsWithTheStoredProvidersUrlAndKeyAndRereadsItAfterAChange() {
        ModelProviderView provider = providers.create(ModelProviderDraft.openAiCompatible("local-embeddings", server.baseUrl(), "sk-first-key", null));
        String id = EmbeddingModels.providerModelId(provider.id(), "text-embedding-3-small");

        EmbeddingModel model = models.get(id);
        assertEquals(16, model.embedDocuments(java.util.List.of("one", "two")).getFirst().length);
        assertEquals("Bearer sk-first-key", server.requests().getLast().authorization());
        assertEquals("text-embedding-3-small", server.requests().getLast().body().path("model").asString());

        providers.update(provider.id(), new ModelProviderDraft(null, "local-embeddings", null, server.baseUrl(), "sk-second-key", null, null));
        EmbeddingModel reread = models.get(id);
        assertNotSame(model, reread);
        reread.embedQuery("three");
        assertEquals("Bearer sk-second-key", server.requests().getLast().authorization());

        providers.delete(provider.id());
        EmbeddingException gone = assertThrows(EmbeddingException.class, () -> models.get(id));
        assertTrue(gone.getMessage().startsWith("no model provider with the id '" + provider.id() + "'"), gone.getMessage());
    }

    @Test
    void bindsTheEmbeddingSettings() {
        assertEquals(EmbeddingDevice.CPU, properties.device());
        assertEquals(3, properties.threads());
        assertEquals(24, properties.batchSizeOn(EmbeddingDevice.CPU));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("weft-embed-provider-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
