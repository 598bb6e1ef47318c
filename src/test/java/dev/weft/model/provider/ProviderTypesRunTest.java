package dev.weft.model.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.dsl.DifyDslImporter;
import dev.weft.app.dsl.DslImportResult;
import dev.weft.engine.RunResult;
import dev.weft.engine.event.RunStatus;
import dev.weft.model.http.FakeUpstream;
import dev.weft.model.http.FakeUpstream.Response;
import dev.weft.model.local.LocalModels;
import dev.weft.model.local.TinyLlamaGguf;
import dev.weft.run.AppRunService;
import dev.weft.run.CreatedByRole;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Stored providers of the new types, end to end: a Dify chatflow whose LLM node names {@code langgenius/anthropic/anthropic}
 * runs on the engine against a fake Anthropic server; test connection works for Gemini and for a local GGUF file;
 * a local model is unloaded when its provider changes or is deleted.
 */
@SpringBootTest
class ProviderTypesRunTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("providertypes").toString());
    }

    @TempDir Path dir;

    @Autowired DifyDslImporter importer;
    @Autowired AppService apps;
    @Autowired AppRunService runs;
    @Autowired AccountService accounts;
    @Autowired ModelProviderService providers;
    @Autowired LocalModels localModels;

    private final FakeUpstream fake = FakeUpstream.start();

    @AfterEach
    void cleanUp() {
        fake.close();
        providers.list().forEach(p -> providers.delete(p.id()));
    }

    private static String sse(String type, String data) {
        return "event: " + type + "\ndata: " + data + "\n\n";
    }

    @Test
    void aChatflowLlmNodeRunsOnAnAnthropicProvider() throws Exception {
        providers.create(new ModelProviderDraft(null, "anthropic", "anthropic", fake.baseUrl(), "sk-ant-e2e", "claude-default", null));
        fake.enqueue(Response.stream("text/event-stream", List.of(
                sse("message_start", "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":31,\"output_tokens\":1}}}"),
                sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
                sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Acme sells \"}}"),
                sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"anvils.\"}}"),
                sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                sse("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":5}}"),
                sse("message_stop", "{\"type\":\"message_stop\"}"))));
        Account owner = accounts.hasAccounts()
                ? accounts.findByEmail("owner@example.com").orElseThrow()
                : accounts.createOwner("Test", "owner@example.com", "Owner", "correct horse battery");
        DslImportResult imported = importer.importYaml(
                new ClassPathResource("dsl/advanced-chat-anthropic.yml").getContentAsString(StandardCharsets.UTF_8));
        App app = apps.createFromDefinition(owner.getWorkspaceId(), imported.name(), imported.description(), imported.icon(),
                imported.definition(), owner.getId());

        RunResult result = runs.start(new AppRunService.RunCommand(app.getId(), null, Map.of(), "What does Acme sell?", "e2e-user",
                CreatedByRole.END_USER, null, null, null), e -> { }).completion().get(30, TimeUnit.SECONDS);

        assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.answer()).isEqualTo("Acme sells anvils.");
        FakeUpstream.Recorded request = fake.lastRequest();
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo("sk-ant-e2e");
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.body().path("model").asString()).isEqualTo("claude-haiku-test");
        assertThat(request.body().path("stream").asBoolean()).isTrue();
        assertThat(request.body().path("system").asString()).contains("You are the Acme assistant").contains("What does Acme sell?");
    }

    @Test
    void testConnectionWorksForGeminiAndForALocalGgufFile() throws Exception {
        ModelProviderView gemini = providers.create(new ModelProviderDraft(null, "gemini", "gemini", fake.baseUrl(), "AIza-x", "gemini-test", null));
        fake.enqueue(Response.json(200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"p\"}],\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\"}],"
                + "\"usageMetadata\":{\"promptTokenCount\":1,\"candidatesTokenCount\":1,\"totalTokenCount\":2}}"));
        ConnectionTestResult geminiOk = providers.testConnection(gemini.id());
        assertThat(geminiOk.ok()).as(geminiOk.message()).isTrue();
        assertThat(fake.lastRequest().body().path("generationConfig").path("maxOutputTokens").asInt()).isEqualTo(1);
        assertThat(fake.lastRequest().header("x-goog-api-key")).isEqualTo("AIza-x");

        Path file = TinyLlamaGguf.write(dir.resolve("tiny.gguf"), 7);
        ModelProviderView local = providers.create(new ModelProviderDraft(null, "tiny", "local-gguf", file.toString(), null, null,
                "{\"context_size\": 256, \"threads\": 2}"));
        ConnectionTestResult localOk = providers.testConnection(local.id());
        assertThat(localOk.ok()).as(localOk.message()).isTrue();
        assertThat(localOk.model()).isEqualTo("tiny.gguf");
        assertThat(localModels.loadedCount()).isEqualTo(1);

        providers.update(local.id(), new ModelProviderDraft(null, "tiny", "local-gguf", file.toString(), null, null,
                "{\"context_size\": 128, \"threads\": 2}"));
        assertThat(localModels.loadedCount()).as("a changed provider unloads its model").isZero();
        assertThat(providers.testConnection(local.id()).ok()).isTrue();
        assertThat(localModels.loadedCount()).isEqualTo(1);
        providers.delete(local.id());
        assertThat(localModels.loadedCount()).as("a deleted provider unloads its model").isZero();
    }

    @Test
    void badProviderInputIsRefusedWithAFix() throws Exception {
        Path notAModel = Files.writeString(dir.resolve("x.gguf"), "plain text");

        assertThatThrownBy(() -> providers.create(new ModelProviderDraft(null, "l1", "local-gguf", dir.resolve("nope.gguf").toString(), null, null, null)))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> providers.create(new ModelProviderDraft(null, "l2", "local-gguf", notAModel.toString(), null, null, null)))
                .hasMessageContaining("is not a GGUF model");
        assertThatThrownBy(() -> providers.create(new ModelProviderDraft(null, "az", "azure-openai", "", "k", "gpt4o", null)))
                .hasMessageContaining("https://YOUR-RESOURCE.openai.azure.com");
        assertThatThrownBy(() -> providers.create(new ModelProviderDraft(null, "l3", "local-gguf", notAModel.toString(), null, null,
                "{\"gpu_layers\": -1}"))).hasMessageContaining("gpu_layers");

        ModelProviderView anthropic = providers.create(new ModelProviderDraft(null, "claude", "anthropic", null, "k", "claude-x", null));
        assertThat(anthropic.baseUrl()).isEqualTo("https://api.anthropic.com");
    }
}
