package dev.weft.knowledge.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.knowledge.retrieve.RerankClient.Ranked;
import dev.weft.knowledge.retrieve.RetrievalSettings.RerankModelRef;
import dev.weft.model.ModelException;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerankClientTest {

    private static final RerankModelRef MODEL = new RerankModelRef("jina", "jina-reranker-v2");

    private static RerankClient client(FakeRerankServer server, String... allow) {
        GuardedHttpClient http = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of(allow))));
        return new RerankClient(http, ref -> new RerankEndpoint("Jina", server.baseUrl() + "/", "jina_secret_key"));
    }

    @Test
    void sendsTheCohereJinaRequestAndReturnsResultsBestFirst() {
        try (FakeRerankServer server = new FakeRerankServer(body -> FakeRerankServer.countWord(body, "cat"))) {
            List<Ranked> ranked = client(server, "127.0.0.1").rerank(MODEL, "cats?", List.of("a dog", "cat cat cat", "one cat"), 2);

            assertThat(ranked).containsExactly(new Ranked(1, 0.3), new Ranked(2, 0.1));
            FakeRerankServer.Request request = server.requests.getFirst();
            assertThat(request.authorization()).isEqualTo("Bearer jina_secret_key");
            assertThat(request.body().path("model").asString()).isEqualTo("jina-reranker-v2");
            assertThat(request.body().path("query").asString()).isEqualTo("cats?");
            assertThat(request.body().path("documents").valueStream().map(n -> n.asString()).toList())
                    .containsExactly("a dog", "cat cat cat", "one cat");
            assertThat(request.body().path("top_n").asInt()).isEqualTo(2);
        }
    }

    @Test
    void aProviderOnALoopbackAddressIsRefusedUnlessAllowed() {
        try (FakeRerankServer server = new FakeRerankServer(body -> FakeRerankServer.countWord(body, "cat"))) {
            assertThatThrownBy(() -> client(server).rerank(MODEL, "q", List.of("a"), 1))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("127.0.0.1 is a loopback address")
                    .hasMessageContaining("weft.security.outbound.allow");
            assertThat(server.requests).isEmpty();
        }
    }

    @Test
    void errorsNameTheModelTheStatusAndWhatTheServerSaid() {
        try (FakeRerankServer server = new FakeRerankServer(body -> new FakeRerankServer.Answer(401, "{\"detail\":\"bad key\"}"))) {
            assertThatThrownBy(() -> client(server, "127.0.0.1").rerank(MODEL, "q", List.of("a"), 1))
                    .isInstanceOf(ModelException.class)
                    .hasMessageContaining("rerank model 'jina-reranker-v2' of 'Jina' answered HTTP 401")
                    .hasMessageContaining("bad key")
                    .satisfies(e -> assertThat(((ModelException) e).status()).isEqualTo(401));
        }
        try (FakeRerankServer server = new FakeRerankServer(body -> new FakeRerankServer.Answer(200, "{\"results\":[{\"index\":7,\"relevance_score\":0.5}]}"))) {
            assertThatThrownBy(() -> client(server, "127.0.0.1").rerank(MODEL, "q", List.of("a"), 1))
                    .hasMessageContaining("valid index (0..0)");
        }
    }

    @Test
    void logitsOutsideZeroToOneAreSquashed() {
        List<Ranked> ranked = RerankClient.parse("m", "{\"results\":[{\"index\":0,\"relevance_score\":-2.0},{\"index\":1,\"score\":3.5}]}", 2, 5);
        assertThat(ranked).extracting(Ranked::index).containsExactly(1, 0);
        assertThat(ranked).allSatisfy(r -> assertThat(r.score()).isBetween(0.0, 1.0));
    }
}
