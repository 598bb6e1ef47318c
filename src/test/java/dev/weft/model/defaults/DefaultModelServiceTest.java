package dev.weft.model.defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.NodeDef;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Workspace default models are stored per workspace and type, are checked when set, follow a renamed provider,
 * disappear with a deleted one, and are what new LLM nodes and new knowledge bases start with.
 */
@SpringBootTest
class DefaultModelServiceTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("defaultmodels").toString());
    }

    @Autowired DefaultModelService defaults;
    @Autowired ModelProviderService providers;
    @Autowired AccountService accounts;
    @Autowired AppService apps;
    @Autowired DatasetService datasets;

    Account owner;
    String workspace;
    ModelProviderView alpha;
    ModelProviderView zeta;

    @BeforeEach
    void twoProvidersAndNoDefaults() {
        if (!accounts.hasAccounts()) {
            accounts.createOwner("Defaults", "owner@example.com", "Owner", "correct horse battery");
        }
        owner = accounts.findByEmail("owner@example.com").orElseThrow();
        workspace = owner.getWorkspaceId();
        providers.list().forEach(p -> providers.delete(p.id()));
        for (ModelType t : ModelType.values()) {
            defaults.clear(workspace, t);
        }
        alpha = providers.create(draft("Alpha", "alpha-model"));
        zeta = providers.create(draft("Zeta", "zeta-model"));
    }

    @Test
    void a_default_is_stored_per_type_and_replaced_when_set_again() {
        defaults.set(workspace, new DefaultModel(ModelType.CHAT, zeta.id(), "zeta-large"));
        defaults.set(workspace, new DefaultModel(ModelType.RERANK, alpha.id(), "bge-reranker"));
        defaults.set(workspace, new DefaultModel(ModelType.CHAT, zeta.id(), "zeta-small"));

        assertThat(defaults.get(workspace, ModelType.CHAT)).contains(new DefaultModel(ModelType.CHAT, zeta.id(), "zeta-small"));
        assertThat(defaults.all(workspace)).containsOnlyKeys(ModelType.CHAT, ModelType.RERANK);
        assertThat(defaults.get("another-workspace", ModelType.CHAT)).isEmpty();

        defaults.clear(workspace, ModelType.CHAT);
        assertThat(defaults.get(workspace, ModelType.CHAT)).isEmpty();
    }

    @Test
    void bad_defaults_are_refused_with_what_to_fix() {
        assertThatThrownBy(() -> defaults.set(workspace, new DefaultModel(ModelType.CHAT, "no-such-id", "m")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add it under Settings > Model providers");
        assertThatThrownBy(() -> defaults.set(workspace, new DefaultModel(ModelType.CHAT, alpha.id(), " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enter the chat model's name");
        assertThatThrownBy(() -> defaults.set(workspace, new DefaultModel(ModelType.RERANK, null, "bge")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose a model provider");
        assertThatThrownBy(() -> defaults.set(workspace, new DefaultModel(ModelType.EMBEDDING, null, "no-such-local")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown local embedding model");
        ModelProviderView theirs = providers.create(new ModelProviderDraft("another-workspace", "Theirs", null,
                "http://127.0.0.1:9/v1", null, "m", null));
        assertThatThrownBy(() -> defaults.set(workspace, new DefaultModel(ModelType.CHAT, theirs.id(), "m")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.all(workspace)).isEmpty();
    }

    @Test
    void a_provider_type_that_serves_no_embeddings_or_rerank_is_refused_for_them() {
        ModelProviderView claude = providers.create(new ModelProviderDraft(workspace, "Claude", "anthropic", null, "sk-ant", "claude-x", null));
        ModelProviderView ollama = providers.create(new ModelProviderDraft(workspace, "Ollama", "ollama", null, null, "llama3.2", null));

        assertThatThrownBy(() -> defaults.set(workspace, new DefaultModel(ModelType.EMBEDDING, claude.id(), "voyage-3")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serves no embedding models");
        assertThatThrownBy(() -> defaults.set(workspace, new DefaultModel(ModelType.RERANK, ollama.id(), "bge-reranker")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serves no rerank models");
        defaults.set(workspace, new DefaultModel(ModelType.EMBEDDING, ollama.id(), "nomic-embed-text"));
        defaults.set(workspace, new DefaultModel(ModelType.CHAT, claude.id(), "claude-x"));
        assertThat(defaults.embeddingModelId(workspace)).isEqualTo("provider:" + ollama.id() + "/nomic-embed-text");
    }

    @Test
    void a_new_app_starts_on_the_default_chat_model_and_follows_a_rename() {
        defaults.set(workspace, new DefaultModel(ModelType.CHAT, zeta.id(), "zeta-large"));
        providers.update(zeta.id(), new ModelProviderDraft(workspace, "Zeta Cloud", null, "http://127.0.0.1:9/v1", null,
                "zeta-model", null));

        App app = apps.create(workspace, "Chat", AppMode.ADVANCED_CHAT, null, owner.getId());
        App templated = apps.createFromTemplate(workspace, "translation-workflow", null, null, owner.getId());

        JsonNode model = llm(apps.draft(app.getId()).graph().nodes()).data().get("model");
        assertThat(model.get("provider").asString()).isEqualTo("Zeta Cloud");
        assertThat(model.get("name").asString()).isEqualTo("zeta-large");
        assertThat(apps.draft(templated.getId()).graph().nodes()).filteredOn(n -> "llm".equals(n.nodeType()))
                .hasSize(2).allSatisfy(n -> assertThat(n.data().get("model").get("name").asString()).isEqualTo("zeta-large"));
    }

    @Test
    void without_a_default_chat_model_new_apps_use_the_first_provider() {
        App app = apps.create(workspace, "Chat", AppMode.CHAT, null, owner.getId());

        assertThat(llm(apps.draft(app.getId()).graph().nodes()).data().get("model").get("provider").asString()).isEqualTo("Alpha");
    }

    @Test
    void deleting_a_provider_removes_the_defaults_that_use_it() {
        defaults.set(workspace, new DefaultModel(ModelType.CHAT, zeta.id(), "zeta-large"));
        defaults.set(workspace, new DefaultModel(ModelType.RERANK, alpha.id(), "bge-reranker"));

        providers.delete(zeta.id());

        assertThat(defaults.all(workspace)).containsOnlyKeys(ModelType.RERANK);
    }

    @Test
    void a_new_knowledge_base_uses_the_default_embedding_and_rerank_models() {
        defaults.set(workspace, new DefaultModel(ModelType.EMBEDDING, null, LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q));
        defaults.set(workspace, new DefaultModel(ModelType.RERANK, alpha.id(), "bge-reranker"));

        Dataset kb = datasets.create(owner, new DatasetService.DatasetDraft("Docs", null, null, null, null, null, null));
        Dataset chosen = datasets.create(owner, new DatasetService.DatasetDraft("Chosen", null, null, null,
                EmbeddingModels.DEFAULT_ID, null, RetrievalSettings.DEFAULT));

        assertThat(kb.getEmbeddingModel()).isEqualTo(LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q);
        assertThat(kb.getRetrievalSettings().rerank()).isEqualTo(new RetrievalSettings.RerankModelRef(alpha.id(), "bge-reranker"));
        assertThat(chosen.getEmbeddingModel()).isEqualTo(EmbeddingModels.DEFAULT_ID);
        assertThat(chosen.getRetrievalSettings().rerank()).isNull();

        defaults.set(workspace, new DefaultModel(ModelType.EMBEDDING, zeta.id(), "zeta-embed"));
        assertThat(defaults.embeddingModelId(workspace)).isEqualTo(EmbeddingModels.providerModelId(zeta.id(), "zeta-embed"));
    }

    private ModelProviderDraft draft(String name, String defaultModel) {
        return new ModelProviderDraft(workspace, name, null, "http://127.0.0.1:9/v1", null, defaultModel, null);
    }

    private static NodeDef llm(List<NodeDef> nodes) {
        return nodes.stream().filter(n -> "llm".equals(n.nodeType())).findFirst().orElseThrow();
    }
}
