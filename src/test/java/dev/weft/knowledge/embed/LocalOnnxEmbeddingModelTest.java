package dev.weft.knowledge.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-process models against LangChain4j's own model classes (same ONNX files), and their batching contract. */
class LocalOnnxEmbeddingModelTest {

    private static final String PREFIX = "Represent this sentence for searching relevant passages: ";
    private static final List<String> SHORT_TEXTS = List.of(
            "The cat sits on the mat.",
            "Mitochondrial dysfunction is associated with neurodegenerative disease.",
            "How do I reset my password?",
            "Vitamin D supplementation reduces the risk of fractures in elderly women.",
            "Café au lait, naïve résumé — déjà vu.",
            "p53 mutations occur in about half of human cancers (TP53).",
            "A",
            "Lucene builds an HNSW graph per segment; queries visit a few hundred nodes.");

    private static LocalOnnxEmbeddingModel bge;
    private static LocalOnnxEmbeddingModel miniLm;

    @BeforeAll
    static void load() {
        bge = LocalOnnxEmbeddingModel.load(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15, EmbeddingProperties.defaults().withDevice(EmbeddingDevice.CPU));
        miniLm = LocalOnnxEmbeddingModel.load(LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, EmbeddingProperties.defaults().withDevice(EmbeddingDevice.CPU));
    }

    @AfterAll
    static void close() {
        bge.close();
        miniLm.close();
    }

    @Test
    void documentsMatchLangChain4jOnShortTexts() {
        assertMatchesReference(bge, new BgeSmallEnV15EmbeddingModel(), "");
        assertMatchesReference(miniLm, new AllMiniLmL6V2QuantizedEmbeddingModel(), "");
    }

    @Test
    void bgeQueriesMatchLangChain4jWithTheInstruction() {
        BgeSmallEnV15EmbeddingModel reference = new BgeSmallEnV15EmbeddingModel();
        for (String query : SHORT_TEXTS) {
            float[] expected = reference.embed(PREFIX + query).content().vector();
            assertTrue(Vectors.dot(expected, bge.embedQuery(query)) > 0.999, query);
        }
    }

    @Test
    void queriesDifferFromDocumentsOnlyByThePrefix() {
        for (String text : SHORT_TEXTS) {
            assertTrue(Vectors.dot(bge.embedQuery(text), bge.embedDocuments(List.of(PREFIX + text)).getFirst()) > 0.9999, text);
            assertTrue(Vectors.dot(bge.embedQuery(text), bge.embedDocuments(List.of(text)).getFirst()) < 0.99,
                    "the instruction changes a bge query vector: " + text);
            assertTrue(Vectors.dot(miniLm.embedQuery(text), miniLm.embedDocuments(List.of(text)).getFirst()) > 0.9999, text);
        }
    }

    @Test
    void batchResultsEqualSingleResults() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            texts.add(SHORT_TEXTS.get(i % SHORT_TEXTS.size()) + " " + "more words follow here ".repeat(i % 13));
        }
        for (LocalOnnxEmbeddingModel model : List.of(bge, miniLm)) {
            List<float[]> batched = model.embedDocuments(texts);
            assertEquals(texts.size(), batched.size());
            for (int i = 0; i < texts.size(); i += 3) {
                float[] single = model.embedDocuments(List.of(texts.get(i))).getFirst();
                assertTrue(Vectors.dot(single, batched.get(i)) > 0.9999, model.id() + " text " + i);
            }
        }
    }

    @Test
    void vectorsAreUnitLengthInInputOrder() {
        List<float[]> vectors = bge.embedDocuments(SHORT_TEXTS);
        for (int i = 0; i < SHORT_TEXTS.size(); i++) {
            assertEquals(384, vectors.get(i).length);
            assertEquals(1.0, Math.sqrt(Vectors.dot(vectors.get(i), vectors.get(i))), 1e-5);
            assertTrue(Vectors.dot(vectors.get(i), bge.embedDocuments(List.of(SHORT_TEXTS.get(i))).getFirst()) > 0.9999);
        }
        assertNotSame(vectors.get(0), vectors.get(1));
        assertEquals(384, bge.dimensions());
        assertEquals(384, miniLm.dimensions());
    }

    @Test
    void longTextsAreCutAtTheModelsLimit() {
        assertEquals(510, bge.maxTokens());
        assertEquals(254, miniLm.maxTokens());
        for (LocalOnnxEmbeddingModel model : List.of(bge, miniLm)) {
            String words = "alpha beta gamma delta ".repeat(200);
            assertEquals(800, model.tokenCounter().count(words));
            String kept = "alpha beta gamma delta ".repeat(200).substring(0, nthWordEnd(words, model.maxTokens()));
            assertEquals(model.maxTokens(), model.tokenCounter().count(kept));
            List<float[]> vectors = model.embedDocuments(List.of(words, kept, "alpha beta gamma delta ".repeat(20)));
            assertTrue(Vectors.dot(vectors.get(0), vectors.get(1)) > 0.9999, model.id() + ": text past the limit is ignored");
            assertTrue(Vectors.dot(vectors.get(0), vectors.get(2)) < 0.9999, model.id() + ": text within the limit counts");
        }
    }

    @Test
    void similarTextsAreCloserThanUnrelatedOnes() {
        for (LocalOnnxEmbeddingModel model : List.of(bge, miniLm)) {
            float[] query = model.embedQuery("Does vitamin D prevent bone fractures in older people?");
            List<float[]> docs = model.embedDocuments(List.of(
                    "Vitamin D supplementation reduces the risk of fractures in elderly women.",
                    "The stock market fell sharply on Tuesday after the earnings reports."));
            assertTrue(Vectors.dot(query, docs.get(0)) > Vectors.dot(query, docs.get(1)) + 0.1, model.id());
        }
    }

    @Test
    void countsTokensWithTheModelsTokenizer() {
        assertEquals(2, bge.tokenCounter().count("hello world"));
        assertEquals(3, miniLm.tokenCounter().count("hello, world"));
        assertEquals(7, miniLm.tokenCounter().count("unbelievably, hello")); // un ##bel ##ie ##va ##bly , hello
        assertEquals(0, bge.tokenCounter().count(""));
    }

    @Test
    void concurrentCallersGetTheirOwnResults() throws Exception {
        List<float[]> expected = miniLm.embedDocuments(SHORT_TEXTS);
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> miniLm.embedDocuments(SHORT_TEXTS)));
            }
            for (Future<List<float[]>> result : results) {
                List<float[]> got = result.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertTrue(Vectors.dot(expected.get(i), got.get(i)) > 0.9999);
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void emptyInputAndNullTexts() {
        assertEquals(List.of(), bge.embedDocuments(List.of()));
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bge.embedDocuments(withNull));
        assertEquals("text 2 of 3 is null", e.getMessage());
        assertEquals(384, bge.embedDocuments(List.of("")).getFirst().length);
    }

    @Test
    void autoFallsBackToCpuAndCudaIsRefusedWithoutAUsableGpu() {
        assertEquals(EmbeddingDevice.CPU, bge.device());
        try (LocalOnnxEmbeddingModel auto = LocalOnnxEmbeddingModel.load(LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q)) {
            assumeFalse(auto.device() == EmbeddingDevice.CUDA, "this machine has a usable CUDA GPU");
            assertEquals(EmbeddingDevice.CPU, auto.device());
        }
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> LocalOnnxEmbeddingModel.load(
                LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q, EmbeddingProperties.defaults().withDevice(EmbeddingDevice.CUDA)));
        assertTrue(e.getMessage().startsWith("weft.knowledge.embedding.device is cuda, but "), e.getMessage());
    }

    @Test
    void unknownLocalModelsAreNamed() {
        EmbeddingException e = assertThrows(EmbeddingException.class, () -> LocalOnnxEmbeddingModel.load("local:nope"));
        assertTrue(e.getMessage().contains("local:nope") && e.getMessage().contains(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15));
    }

    private static void assertMatchesReference(LocalOnnxEmbeddingModel model, AbstractInProcessEmbeddingModel reference, String prefix) {
        List<float[]> ours = model.embedDocuments(SHORT_TEXTS);
        for (int i = 0; i < SHORT_TEXTS.size(); i++) {
            float[] expected = reference.embed(prefix + SHORT_TEXTS.get(i)).content().vector();
            double cosine = Vectors.dot(expected, ours.get(i));
            assertTrue(cosine > 0.999, model.id() + " on '" + SHORT_TEXTS.get(i) + "': cosine " + cosine);
        }
    }

    /** The index just past the {@code n}-th space-separated word. */
    private static int nthWordEnd(String text, int n) {
        int end = 0;
        for (int i = 0; i < n; i++) {
            end = text.indexOf(' ', end) + 1;
        }
        return end - 1;
    }
}
