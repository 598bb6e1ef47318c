package dev.weft.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.DefinitionParser;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.publish.key.AppApiKeyService;
import dev.weft.security.Account;
import dev.weft.security.AccountService;
import dev.weft.support.TestDataDirs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The official OpenAI Java client calls a running Weft's {@code /v1/chat/completions} with an app key, blocking
 * and streaming, and gets the app's answer, which the app's LLM node got from a fake provider on 127.0.0.1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenAiClientTest {

    static final FakeOpenAiServer FAKE = FakeOpenAiServer.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("openai-api").toString());
        registry.add("weft.security.outbound.allow", () -> "127.0.0.1");
    }

    @AfterAll
    static void stopFake() {
        FAKE.close();
    }

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired AppService apps;
    @Autowired DefinitionParser parser;
    @Autowired ModelProviderService providers;
    @Autowired AppApiKeyService keys;

    App app;
    OpenAIClient client;

    @BeforeEach
    void chatAppAndClient() {
        if (!accounts.hasAccounts()) {
            accounts.createOwner("Acme", "owner@example.com", "Olga Owner", "a long enough password");
            providers.create(ModelProviderDraft.openAiCompatible("fake", FAKE.baseUrl(), "sk-upstream", "gpt-fake"));
        }
        Account owner = accounts.findByEmail("owner@example.com").orElseThrow();
        app = apps.create(owner.getWorkspaceId(), "Support Bot", AppMode.ADVANCED_CHAT, null, owner.getId());
        apps.saveDraft(app.getId(), parser.parse("""
                {"mode":"advanced-chat","graph":{"nodes":[
                  {"id":"start","data":{"type":"start","title":"Start","variables":[]}},
                  {"id":"llm","data":{"type":"llm","title":"LLM",
                    "model":{"provider":"langgenius/openai/fake","name":"gpt-fake","mode":"chat","completion_params":{}},
                    "prompt_template":[{"role":"system","text":"You are the support bot."},{"role":"user","text":"{{#sys.query#}}"}],
                    "memory":{"window":{"enabled":true,"size":10}}}},
                  {"id":"answer","data":{"type":"answer","title":"Answer","answer":"{{#llm.text#}}"}}],
                 "edges":[{"source":"start","target":"llm"},{"source":"llm","target":"answer"}]}}
                """), owner.getId());
        apps.publish(app.getId(), null, null, owner.getId());
        client = OpenAIOkHttpClient.builder()
                .apiKey(keys.create(app.getId(), owner.getId()).token())
                .baseUrl("http://127.0.0.1:" + port + "/v1")
                .maxRetries(0)
                .build();
    }

    @Test
    void blockingCompletionReturnsTheAppsAnswerWithUsage() {
        FAKE.enqueue(Reply.text("Restart the router.").withUsage(20, 4));

        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("support-bot")
                .addUserMessage("My internet is down")
                .build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().getFirst().message().content()).contains("Restart the router.");
        assertThat(completion.choices().getFirst().finishReason().asString()).isEqualTo("stop");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(24);
        assertThat(FAKE.lastRequest().messages()).extracting(Map.Entry::getValue)
                .containsExactly("You are the support bot.", "My internet is down");
    }

    @Test
    void streamingCompletionArrivesChunkByChunk() {
        FAKE.enqueue(Reply.stream(List.of("Try", " turning", " it", " off"), Duration.ofMillis(5)).withUsage(9, 4));
        List<String> deltas = new ArrayList<>();
        long totalTokens;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder()
                        .model("support-bot")
                        .addUserMessage("It is broken")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build())
                        .build())) {
            List<ChatCompletionChunk> chunks = stream.stream().toList();
            chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().filter(s -> !s.isEmpty()).ifPresent(deltas::add)));
            totalTokens = chunks.getLast().usage().orElseThrow().totalTokens();
        }
        assertThat(deltas).containsExactly("Try", " turning", " it", " off");
        assertThat(totalTokens).isEqualTo(13);
    }

    @Test
    void earlierTurnsBecomeTheAppsMemory() {
        FAKE.enqueue(Reply.text("It is Tuesday."));
        client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("support-bot")
                .addUserMessage("Hi, I am Ann")
                .addAssistantMessage("Hello Ann")
                .addUserMessage("What day is it?")
                .build());
        assertThat(FAKE.lastRequest().messages()).extracting(Map.Entry::getValue)
                .containsExactly("You are the support bot.", "Hi, I am Ann", "Hello Ann", "What day is it?");
    }

    @Test
    void modelsListsTheAppAndABadKeyIsRefused() {
        List<Model> models = client.models().list().data();
        assertThat(models).extracting(Model::id).containsExactly("support-bot");

        OpenAIClient wrong = OpenAIOkHttpClient.builder().apiKey("app-wrong").baseUrl("http://127.0.0.1:" + port + "/v1")
                .maxRetries(0).build();
        assertThatThrownBy(() -> wrong.models().list()).isInstanceOf(UnauthorizedException.class);
    }
}
