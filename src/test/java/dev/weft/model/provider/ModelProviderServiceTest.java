package dev.weft.model.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModel;
import dev.weft.model.ChatRequest;
import dev.weft.model.ModelException;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/** Whole application without a web server; Vaadin needs a web context, so its auto-configuration is left out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "spring.autoconfigure.exclude="
        + "com.vaadin.flow.spring.SpringBootAutoConfiguration,"
        + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration,"
        + "com.vaadin.flow.spring.VaadinScopesConfig")
class ModelProviderServiceTest {

    private static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", DATA_DIR::toString);
    }

    @Autowired ModelProviderService service;
    @Autowired ConfiguredChatModelResolver resolver;
    @Autowired JdbcTemplate jdbc;

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void cleanUp() {
        server.close();
        service.list().forEach(p -> service.delete(p.id()));
    }

    @AfterAll
    static void removeDataDir() throws IOException {
        FileSystemUtils.deleteRecursively(DATA_DIR);
    }

    @Test
    void apiKeyIsEncryptedAtRestMaskedInListsAndSentAsBearer() {
        ModelProviderView created = service.create(
                ModelProviderDraft.openAiCompatible("openai", server.baseUrl(), "sk-test-123456", "gpt-test"));

        String stored = jdbc.queryForObject("SELECT api_key_ciphertext FROM model_provider WHERE id = ?", String.class, created.id());
        assertThat(stored).doesNotContain("sk-test-123456").startsWith("v1:");
        assertThat(service.list()).singleElement().satisfies(p -> {
            assertThat(p.maskedApiKey()).isEqualTo("sk-te****56");
            assertThat(p.toString()).doesNotContain("sk-test-123456");
        });

        ChatModel model = resolver.resolve("langgenius/openai/openai", "gpt-4o-mini");
        model.chat(new ChatRequest(null, List.of(ChatMessage.user("hi"))));

        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer sk-test-123456");
        assertThat(server.lastRequest().body().path("model").asString()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void anUnknownProviderNameIsAnErrorEvenWithOneProviderConfigured() {
        service.create(ModelProviderDraft.openAiCompatible("local-llama", server.baseUrl(), null, "llama3"));

        assertThatThrownBy(() -> resolver.resolve("langgenius/openai/openai", "gpt-4o"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no model provider named 'langgenius/openai/openai'")
                .hasMessageContaining("'local-llama'");
        assertThat(server.callCount()).isZero();
    }

    @Test
    void updateKeepsOrReplacesTheKeyAndDropsCachedClients() {
        ModelProviderView created = service.create(ModelProviderDraft.openAiCompatible("p1", server.baseUrl(), "sk-old-000000", "m"));
        resolver.resolve("p1", null).chat(new ChatRequest(null, List.of(ChatMessage.user("a"))));
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer sk-old-000000");

        service.update(created.id(), new ModelProviderDraft(null, "p1", null, server.baseUrl(), null, "m2", null));
        resolver.resolve("p1", null).chat(new ChatRequest(null, List.of(ChatMessage.user("b"))));
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer sk-old-000000");
        assertThat(server.lastRequest().body().path("model").asString()).isEqualTo("m2");

        service.update(created.id(), new ModelProviderDraft(null, "p1", null, server.baseUrl(), "sk-new-111111", "m2", null));
        resolver.resolve("p1", null).chat(new ChatRequest(null, List.of(ChatMessage.user("c"))));
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer sk-new-111111");
        assertThat(resolver.cachedClients()).isEqualTo(1);
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        service.create(ModelProviderDraft.openAiCompatible("dup", server.baseUrl(), null, null));

        assertThatThrownBy(() -> service.create(ModelProviderDraft.openAiCompatible("dup", server.baseUrl(), null, null)))
                .hasMessageContaining("a model provider named 'dup' already exists");
        assertThatThrownBy(() -> service.create(ModelProviderDraft.openAiCompatible("x", "ftp://host/v1", null, null)))
                .hasMessageContaining("must be an http:// or https:// URL");
        assertThatThrownBy(() -> service.create(new ModelProviderDraft(null, "y", "bedrock", server.baseUrl(), null, null, null)))
                .hasMessageContaining("unsupported provider type 'bedrock'").hasMessageContaining("anthropic, gemini");
        assertThatThrownBy(() -> service.create(new ModelProviderDraft(null, "z", null, server.baseUrl(), null, null, "[1]")))
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void testConnectionReportsSuccessAndUpstreamErrors() {
        ModelProviderView created = service.create(ModelProviderDraft.openAiCompatible("t", server.baseUrl(), "sk-x-99999999", "gpt-test"));
        server.enqueue(Reply.text("pong"), Reply.error(401, "Incorrect API key provided"));

        ConnectionTestResult ok = service.testConnection(created.id());
        ConnectionTestResult failed = service.testConnection(created.id());

        assertThat(ok.ok()).isTrue();
        assertThat(server.requests().get(0).body().path("max_tokens").asInt()).isEqualTo(1);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.message()).contains("HTTP 401").contains("Incorrect API key provided");
    }

    @Test
    void providerConfigTimeoutsReachTheClient() {
        service.create(new ModelProviderDraft(null, "slow", null, server.baseUrl(), null, "m", "{\"timeout_seconds\": 0.3}"));
        server.enqueue(Reply.hang());

        assertThatThrownBy(() -> resolver.resolve("slow", null).chat(new ChatRequest(null, List.of(ChatMessage.user("x")))))
                .hasMessageContaining("did not answer within 300 ms");
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("weft-provider-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
