package dev.weft.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.NodeDef;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunStatus;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import dev.weft.run.AppRunService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * New apps start on the workspace's first model provider and its default model, so a fresh chat app answers
 * at once; without a provider the LLM node says what to do.
 */
@SpringBootTest
class StarterModelTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("startermodel").toString());
    }

    @Autowired AppService apps;
    @Autowired AppRunService runs;
    @Autowired AccountService accounts;
    @Autowired ModelProviderService providers;

    Account owner;
    FakeOpenAiServer fake;

    @BeforeEach
    void ownerWithoutProviders() {
        if (!accounts.hasAccounts()) {
            accounts.createOwner("Test", "owner@example.com", "Owner", "correct horse battery");
        }
        owner = accounts.findByEmail("owner@example.com").orElseThrow();
        providers.list().forEach(p -> providers.delete(p.id()));
        fake = FakeOpenAiServer.start();
    }

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void a_new_chat_app_uses_the_first_provider_and_its_default_model_and_answers() throws Exception {
        providers.create(draft("Zeta", "zeta-model"));
        providers.create(draft("Alpha", "alpha-model"));
        fake.enqueue(Reply.stream(List.of("Hi ", "there"), Duration.ZERO));

        App app = apps.create(owner.getWorkspaceId(), "Chat", AppMode.ADVANCED_CHAT, null, owner.getId());

        JsonNode model = llm(apps.draft(app.getId())).data().get("model");
        assertThat(model.get("provider").asString()).isEqualTo("Alpha");
        assertThat(model.get("name").asString()).isEqualTo("alpha-model");
        RunResult result = run(app, "hello");
        assertThat(result.error()).isNull();
        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.answer()).isEqualTo("Hi there");
        assertThat(fake.lastRequest().body().get("model").asString()).isEqualTo("alpha-model");
    }

    @Test
    void a_provider_with_a_default_model_wins_over_one_without() {
        providers.create(draft("Alpha", null));
        providers.create(draft("Beta", "beta-model"));

        App app = apps.create(owner.getWorkspaceId(), "Writer", AppMode.COMPLETION, null, owner.getId());

        JsonNode model = llm(apps.draft(app.getId())).data().get("model");
        assertThat(model.get("provider").asString()).isEqualTo("Beta");
        assertThat(model.get("name").asString()).isEqualTo("beta-model");
    }

    @Test
    void providers_of_another_workspace_are_not_used() {
        providers.create(new ModelProviderDraft("another-workspace", "Theirs", null, fake.baseUrl(), null, "their-model", null));

        App app = apps.create(owner.getWorkspaceId(), "Chat", AppMode.CHAT, null, owner.getId());

        assertThat(llm(apps.draft(app.getId())).data().get("model").get("provider").asString()).isEmpty();
    }

    @Test
    void without_a_provider_the_llm_node_fails_saying_what_to_do() throws Exception {
        App app = apps.create(owner.getWorkspaceId(), "Chat", AppMode.ADVANCED_CHAT, null, owner.getId());

        JsonNode model = llm(apps.draft(app.getId())).data().get("model");
        assertThat(model.get("provider").asString()).isEmpty();
        assertThat(model.get("name").asString()).isEmpty();
        RunResult result = run(app, "hello");
        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error()).contains("The LLM node 'LLM' has no model: choose a provider and model,"
                + " or add one under Settings → Model providers.");
        assertThat(fake.callCount()).isZero();
    }

    private ModelProviderDraft draft(String name, String defaultModel) {
        return new ModelProviderDraft(owner.getWorkspaceId(), name, null, fake.baseUrl(), "sk-test-key", defaultModel, null);
    }

    private RunResult run(App app, String query) throws Exception {
        return runs.start(AppRunService.RunCommand.draft(app.getId(), Map.of(), query, owner.getId()), e -> { })
                .completion().get(20, TimeUnit.SECONDS);
    }

    private static NodeDef llm(AppDefinition definition) {
        return definition.graph().nodes().stream().filter(n -> "llm".equals(n.nodeType())).findFirst().orElseThrow();
    }
}
