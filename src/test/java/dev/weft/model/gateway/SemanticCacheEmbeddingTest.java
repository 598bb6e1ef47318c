package dev.weft.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ChatRequest;
import dev.weft.model.catalog.ModelCatalog;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.openai.OpenAiCompatibleChatModel;
import dev.weft.model.openai.OpenAiSettings;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The semantic cache with Weft's default local embedding model (bge-small-en-v1.5, in process, from the classpath). */
class SemanticCacheEmbeddingTest {

    private static LocalOnnxEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = LocalOnnxEmbeddingModel.load(EmbeddingModels.DEFAULT_ID);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static double similarity(String a, String b) {
        return SemanticCache.dot(model.embedQuery(a), model.embedQuery(b));
    }

    @Test
    void aParaphraseHitsAboveTheThresholdAndAnotherQuestionMisses() {
        String question = "What is the capital city of France?";
        String paraphrase = "Which city is the capital of France?";
        String other = "How long should I bake sourdough bread?";
        double close = similarity(question, paraphrase);
        double far = similarity(question, other);
        System.out.printf("bge-small-en-v1.5 similarity: paraphrase %.3f, other question %.3f%n", close, far);
        assertThat(close).isGreaterThan(0.9);
        assertThat(far).isLessThan(0.8);

        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            ChatModelResolver upstreams = (p, m) -> new OpenAiCompatibleChatModel(new OpenAiSettings(server.baseUrl(), "sk-test", m));
            try (ModelGateway gateway = new ModelGateway(upstreams, PolicySource.NODE_ONLY, BudgetGuard.NONE, new ModelCatalog(),
                    () -> model::embedQuery)) {
                CallScope scope = new CallScope("ws", "app", null,
                        GatewayPolicyParser.parse("{\"semantic_cache\": {\"threshold\": 0.9}}", "model.gateway"));
                server.enqueue(Reply.text("Paris."), Reply.text("About 40 minutes."));
                assertThat(gateway.call(scope, "openai", "gpt-4o-mini", ask(question), null).text()).isEqualTo("Paris.");
                assertThat(gateway.call(scope, "openai", "gpt-4o-mini", ask(paraphrase), null).text()).isEqualTo("Paris.");
                assertThat(server.callCount()).as("the paraphrase was answered from the cache").isEqualTo(1);
                assertThat(gateway.call(scope, "openai", "gpt-4o-mini", ask(other), null).text()).isEqualTo("About 40 minutes.");
                assertThat(server.callCount()).as("the other question went upstream").isEqualTo(2);
            }
        }
    }

    private static ChatRequest ask(String question) {
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.system("Answer briefly."), ChatMessage.user(question)));
    }
}
