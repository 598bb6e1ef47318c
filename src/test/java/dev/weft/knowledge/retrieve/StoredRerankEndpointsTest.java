package dev.weft.knowledge.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.knowledge.retrieve.RetrievalSettings.RerankModelRef;
import dev.weft.model.ModelException;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import dev.weft.support.TestDataDirs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole application on H2: rerank credentials come from the stored, encrypted model providers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {"spring.autoconfigure.exclude="
        + "com.vaadin.flow.spring.SpringBootAutoConfiguration,"
        + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration,"
        + "com.vaadin.flow.spring.VaadinScopesConfig",
        "weft.security.outbound.allow=127.0.0.1"})
class StoredRerankEndpointsTest {

    private static final Path DATA_DIR = TestDataDirs.create("rerank");

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", DATA_DIR::toString);
    }

    @Autowired ModelProviderService providers;
    @Autowired StoredRerankEndpoints endpoints;
    @Autowired RerankClient rerank;
    @Autowired KnowledgeIndexes indexes;
    @Autowired Retriever retriever;

    @AfterEach
    void cleanUp() {
        providers.list().forEach(p -> providers.delete(p.id()));
    }

    @Test
    void theProviderIsFoundByIdOrNameWithItsKeyDecrypted() {
        ModelProviderView jina = providers.create(ModelProviderDraft.openAiCompatible("Jina", "https://api.jina.ai/v1/", "jina_abc123456", null));

        RerankEndpoint byId = endpoints.find(new RerankModelRef(jina.id(), "jina-reranker-v2"));
        assertThat(byId.baseUrl()).isEqualTo("https://api.jina.ai/v1");
        assertThat(byId.apiKey()).isEqualTo("jina_abc123456");
        assertThat(byId.toString()).doesNotContain("jina_abc123456");
        assertThat(endpoints.find(new RerankModelRef("jina", "m")).apiKey()).isEqualTo("jina_abc123456");
        assertThatThrownBy(() -> endpoints.find(new RerankModelRef("cohere", "m")))
                .isInstanceOf(ModelException.class).hasMessageContaining("no model provider 'cohere'");
    }

    @Test
    void aProviderTypeWithoutRerankIsRefusedWithTheFix() {
        ModelProviderView claude = providers.create(new ModelProviderDraft(null, "claude", "anthropic", null, "sk-ant-1", "claude-x", null));

        assertThatThrownBy(() -> endpoints.find(new RerankModelRef(claude.id(), "rerank-x")))
                .isInstanceOf(ModelException.class).hasMessageContaining("serves no rerank models")
                .hasMessageContaining("as an openai-compatible provider");
    }

    @Test
    void theRerankClientBeanSendsTheStoredKeyToTheProvider() {
        try (FakeRerankServer server = new FakeRerankServer(body -> FakeRerankServer.countWord(body, "b"))) {
            ModelProviderView local = providers.create(ModelProviderDraft.openAiCompatible("local-rerank", server.baseUrl(), "sk-local-999999", null));

            List<RerankClient.Ranked> ranked = rerank.rerank(new RerankModelRef(local.id(), "bge-reranker-v2-m3"), "q", List.of("a", "b b"), 1);

            assertThat(ranked).containsExactly(new RerankClient.Ranked(1, 0.2));
            assertThat(server.requests.getFirst().authorization()).isEqualTo("Bearer sk-local-999999");
        }
    }

    @Test
    void indexesLiveUnderTheDataDirectory() {
        assertThat(indexes.root()).isEqualTo(DATA_DIR.toAbsolutePath().normalize().resolve("knowledge/index"));
        assertThat(retriever).isNotNull();
    }
}
