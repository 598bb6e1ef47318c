package dev.weft.knowledge.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.model.openai.OpenAiSettings;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible embedding model against a fake provider on 127.0.0.1 speaking OpenAI's wire format. */
class OpenAiCompatibleEmbeddingModelTest {

    private static final GuardedHttpClient HTTP = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of("127.0.0.1"))));

    private FakeEmbeddingsServer server;
    private OpenAiCompatibleEmbeddingModel model;

    @BeforeEach
    void start() {
        server = FakeEmbeddingsServer.start(12);
        model = new OpenAiCompatibleEmbeddingModel("provider:p1/text-embedding-test",
                new OpenAiSettings(server.baseUrl(), "sk-test-key", "text-embedding-test"), HTTP);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void embedsInCallsOfAtMost256InputsInOrderAndNormalised() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            texts.add("text number " + i);
        }
        List<float[]> vectors = model.embedDocuments(texts);

        assertEquals(600, vectors.size());
        assertEquals(List.of(256, 256, 88), server.requests().stream().map(r -> r.body().path("input").size()).toList());
        for (FakeEmbeddingsServer.Recorded request : server.requests()) {
            assertEquals("/v1/embeddings", request.path());
            assertEquals("Bearer sk-test-key", request.authorization());
            assertEquals("text-embedding-test", request.body().path("model").asString());
        }
        assertEquals("text number 256", server.requests().get(1).body().path("input").get(0).asString());
        for (int i = 0; i < texts.size(); i++) {
            float[] expected = Vectors.normalize(server.rawVector(texts.get(i)));
            assertArrayEquals(expected, vectors.get(i), 1e-6f, "vector " + i);
        }
        assertEquals(12, model.dimensions());
        assertEquals(600 * 3, model.promptTokensUsed());
    }

    @Test
    void splitsCallsThatWouldCarryTooMuchText() {
        String big = "x".repeat(150_000);
        model.embedDocuments(List.of(big, big, big, "small"));
        assertEquals(List.of(2, 2), server.requests().stream().map(r -> r.body().path("input").size()).toList());
    }

    @Test
    void queriesAreEmbeddedAsTheyAre() {
        assertArrayEquals(Vectors.normalize(server.rawVector("what is it?")), model.embedQuery("what is it?"), 1e-6f);
        assertEquals("what is it?", server.requests().getFirst().body().path("input").get(0).asString());
    }

    @Test
    void learnsTheDimensionsWithOneCallWhenAskedFirst() {
        assertEquals(12, model.dimensions());
        assertEquals(12, model.dimensions());
        assertEquals(1, server.requests().size());
    }

    @Test
    void reportsTheServersErrorMessage() {
        server.failNext(new FakeEmbeddingsServer.Failure(401, "application/json",
                "{\"error\":{\"message\":\"Incorrect API key provided: sk-test-key.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}", null));
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> model.embedDocuments(List.of("a")));
        assertEquals(server.baseUrl() + "/embeddings (model text-embedding-test) returned HTTP 401: Incorrect API key provided: sk-test-key.",
                e.getMessage());
        assertEquals(1, server.requests().size(), "a 401 is not retried");
    }

    @Test
    void reportsPlainTextAndOtherErrorShapes() {
        server.failNext(new FakeEmbeddingsServer.Failure(400, "application/json", "{\"error\":\"model 'nomic' not found, try pulling it first\"}", null));
        assertTrue(assertThrows(EmbeddingException.class, () -> model.embedQuery("a")).getMessage()
                .endsWith("returned HTTP 400: model 'nomic' not found, try pulling it first"));
        server.failNext(new FakeEmbeddingsServer.Failure(422, "application/json", "{\"detail\":[{\"loc\":[\"body\",\"input\"],\"msg\":\"field required\"}]}", null));
        assertTrue(assertThrows(EmbeddingException.class, () -> model.embedQuery("a")).getMessage().endsWith("returned HTTP 422: field required"));
        server.failNext(new FakeEmbeddingsServer.Failure(404, "text/html", "<html>Not Found</html>", null));
        assertTrue(assertThrows(EmbeddingException.class, () -> model.embedQuery("a")).getMessage().endsWith("returned HTTP 404: <html>Not Found</html>"));
    }

    @Test
    void retriesRateLimitsAndOverloadThenGivesUp() {
        server.failNext(new FakeEmbeddingsServer.Failure(429, "application/json", "{\"error\":{\"message\":\"Rate limit reached\"}}", "0"));
        server.failNext(new FakeEmbeddingsServer.Failure(503, "text/plain", "overloaded", "0"));
        assertEquals(12, model.embedQuery("hello").length);
        assertEquals(3, server.requests().size());

        for (int i = 0; i < 3; i++) {
            server.failNext(new FakeEmbeddingsServer.Failure(429, "application/json", "{\"error\":{\"message\":\"Rate limit reached\"}}", "0"));
        }
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> model.embedQuery("hello"));
        assertTrue(e.getMessage().endsWith("returned HTTP 429: Rate limit reached (after 3 attempts)"), e.getMessage());
    }

    @Test
    void refusesLoopbackUnlessAllowed() {
        GuardedHttpClient strict = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of())));
        OpenAiCompatibleEmbeddingModel guarded = new OpenAiCompatibleEmbeddingModel("provider:p1/m",
                new OpenAiSettings(server.baseUrl(), null, "m"), strict);
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> guarded.embedQuery("a"));
        assertTrue(e.getMessage().contains("loopback") && e.getMessage().contains("weft.security.outbound.allow"), e.getMessage());
        assertEquals(0, server.requests().size());
    }

    @Test
    void rejectsRepliesThatDoNotFit() {
        server.failNext(new FakeEmbeddingsServer.Failure(200, "application/json",
                "{\"data\":[{\"index\":0,\"embedding\":[1,2]}],\"usage\":{\"prompt_tokens\":1}}", null));
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> model.embedDocuments(List.of("a", "b")));
        assertTrue(e.getMessage().endsWith("returned 1 embeddings for 2 inputs"), e.getMessage());

        server.failNext(new FakeEmbeddingsServer.Failure(200, "application/json", "{\"data\":[{\"index\":0,\"embedding\":\"AAAA\"}]}", null));
        assertTrue(assertThrows(EmbeddingException.class, () -> model.embedQuery("a")).getMessage().contains("not an array of numbers"));

        model.embedQuery("learn the width");
        server.failNext(new FakeEmbeddingsServer.Failure(200, "application/json", "{\"data\":[{\"index\":0,\"embedding\":[1,2,3]}]}", null));
        assertTrue(assertThrows(EmbeddingException.class, () -> model.embedQuery("a")).getMessage().contains("3 dimensions, earlier ones had 12"));
    }

    @Test
    void countsTokensAsFourCharactersEach() {
        assertEquals(0, model.tokenCounter().count(""));
        assertEquals(1, model.tokenCounter().count("abc"));
        assertEquals(3, model.tokenCounter().count("abcdefghij"));
        assertEquals(8191, model.maxTokens());
    }

    @Test
    void sendsEmptyTextsAsOneSpace() {
        model.embedDocuments(List.of("", "a"));
        assertEquals(" ", server.requests().getFirst().body().path("input").get(0).asString());
    }
}
