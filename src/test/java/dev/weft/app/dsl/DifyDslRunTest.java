package dev.weft.app.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunStatus;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.run.AppRunService;
import dev.weft.run.CreatedByRole;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Hand-written Dify DSL files import and run on Weft's engine, the LLM one against a fake OpenAI server. */
@SpringBootTest
class DifyDslRunTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("dslrun").toString());
    }

    @Autowired DifyDslImporter importer;
    @Autowired AppService apps;
    @Autowired AppRunService runs;
    @Autowired AccountService accounts;
    @Autowired ModelProviderService providers;

    private App importApp(String resource) throws Exception {
        Account owner = accounts.hasAccounts()
                ? accounts.findByEmail("owner@example.com").orElseThrow()
                : accounts.createOwner("Test", "owner@example.com", "Owner", "correct horse battery");
        String yaml = new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
        DslImportResult imported = importer.importYaml(yaml);
        return apps.createFromDefinition(owner.getWorkspaceId(), imported.name(), imported.description(), imported.icon(),
                imported.definition(), owner.getId());
    }

    private RunResult run(App app, Map<String, Object> inputs, String query) throws Exception {
        return runs.start(new AppRunService.RunCommand(app.getId(), null, inputs, query, "dsl-user", CreatedByRole.END_USER,
                null, null, null), e -> { }).completion().get(20, TimeUnit.SECONDS);
    }

    @Test
    void a_dify_chatflow_with_an_llm_node_imports_and_answers() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            // the file names its provider langgenius/openai/openai: a provider named "openai" serves it
            providers.create(ModelProviderDraft.openAiCompatible("openai", fake.baseUrl(), "sk-test", "gpt-4o-mini"));
            fake.enqueue(Reply.stream(List.of("Acme sells ", "anvils."), Duration.ofMillis(5)));
            App app = importApp("dsl/advanced-chat-llm.yml");

            RunResult result = run(app, Map.of(), "What does Acme sell?");

            assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(result.answer()).contains("Acme sells anvils.");
            assertThat(fake.lastRequest().body().get("model").asString()).isEqualTo("gpt-4o-mini");
            assertThat(fake.lastRequest().messages()).extracting(Map.Entry::getValue)
                    .anySatisfy(text -> assertThat(text).contains("What does Acme sell?"));
        }
    }

    @Test
    void a_dify_workflow_with_branches_imports_and_runs_both_ways() throws Exception {
        App app = importApp("dsl/workflow-if-else.yml");
        String input = apps.draft(app.getId()).graph().nodes().stream()
                .filter(n -> "start".equals(n.nodeType())).findFirst().orElseThrow()
                .data().get("variables").get(0).get("variable").asString();

        RunResult a = run(app, Map.of(input, "urgent: the server is down"), null);
        RunResult b = run(app, Map.of(input, "hello there"), null);

        assertThat(a.status()).as(String.valueOf(a.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(b.status()).as(String.valueOf(b.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(a.outputs()).isNotEmpty();
        assertThat(a.outputs()).isNotEqualTo(b.outputs());
    }
}
