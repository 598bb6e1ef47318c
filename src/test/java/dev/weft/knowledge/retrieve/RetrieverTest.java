package dev.weft.knowledge.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.knowledge.embed.EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import dev.weft.knowledge.index.DatasetIndex;
import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.knowledge.retrieve.DatasetCatalog.DatasetInfo;
import dev.weft.knowledge.retrieve.RetrievalSettings.Fusion;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real ONNX models and real Lucene over a small hand-written corpus whose right answers are known. Three datasets:
 * "handbook" and "faq" embedded with bge-small, "engineering" with MiniLM.
 */
class RetrieverTest {

    static final String PARAPHRASE = "How do I get my money back for a purchase?";
    static final String RARE_CODE = "ZX-4471";

    @TempDir
    static Path root;

    static KnowledgeIndexes indexes;
    static Retriever retriever;
    static EmbeddingModels models;
    static Map<String, DatasetInfo> datasets;
    static final Map<String, AtomicInteger> queryEmbeddings = new ConcurrentHashMap<>();

    @BeforeAll
    static void buildIndexes() {
        models = new EmbeddingModels() {
            @Override
            public EmbeddingModel get(String id) {
                EmbeddingModel model = super.get(id);
                return new CountingModel(model, queryEmbeddings.computeIfAbsent(id, k -> new AtomicInteger()));
            }
        };
        indexes = new KnowledgeIndexes(root);
        datasets = Map.of(
                "handbook", new DatasetInfo("handbook", "Staff handbook", LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15),
                "engineering", new DatasetInfo("engineering", "Engineering wiki", LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q),
                "faq", new DatasetInfo("faq", "Office FAQ", LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15),
                "wide", new DatasetInfo("wide", "Many children", LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15));
        write(models.get(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15), indexes.get("handbook"), List.of(
                chunk("refund", "Customers who are unhappy with an order can return it within 30 days and we reimburse the full price to their card.", "finance"),
                chunk("router", "If the status light blinks amber and the display shows code ZX-4471, unplug the router for ten seconds.", "it"),
                chunk("leave", "Employees accrue twenty-five days of paid leave per year; unused leave carries over until March.", "hr"),
                chunk("password", "To reset a forgotten password, open the sign-in page and follow the link sent to your email.", "it"),
                chunk("shipping", "Parcels are dispatched from the warehouse within two working days and tracked online.", "logistics"),
                chunk("badge", "Visitors must wear a badge at all times and be accompanied by staff.", "security"),
                child("meals", "Meals while travelling are covered up to 40 euros a day."),
                child("hotel", "Hotel stays need a receipt from the hotel.")));
        write(models.get(LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q), indexes.get("engineering"), List.of(
                chunk("deploy", "Deployments to production run every Tuesday after the change board approves them.", "engineering"),
                chunk("oncall", "The on-call engineer answers pages within fifteen minutes, day or night.", "engineering")));
        write(models.get(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15), indexes.get("faq"), List.of(
                chunk("pets", "Dogs and other pets are welcome in the office on Fridays if they are house-trained.", "facilities"),
                chunk("printer", "The printer on the second floor prints double-sided by default.", "facilities")));
        GuardedHttpClient http = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of())));
        retriever = new Retriever(id -> Optional.ofNullable(datasets.get(id)), indexes, models,
                new RerankClient(http, ref -> { throw new AssertionError("no rerank in these tests"); }));
        queryEmbeddings.values().forEach(c -> c.set(0));
    }

    @AfterAll
    static void close() {
        indexes.close();
    }

    static IndexedChunk chunk(String id, String text, String department) {
        return new IndexedChunk(id, "doc-" + id, id + ".md", 0, text, null, null, Map.of("department", department), null, true);
    }

    static final String EXPENSES = "Expense policy. Meals while travelling are covered up to 40 euros a day. Hotel stays need a receipt from the hotel.";

    static IndexedChunk child(String id, String text) {
        return new IndexedChunk(id, "doc-expenses", "expenses.md", id.equals("meals") ? 0 : 1, text, "expenses-p0", EXPENSES,
                Map.of("department", "finance"), null, true);
    }

    static void write(EmbeddingModel model, DatasetIndex index, List<IndexedChunk> chunks) {
        List<float[]> vectors = model.embedDocuments(chunks.stream().map(IndexedChunk::content).toList());
        List<IndexedChunk> embedded = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            IndexedChunk c = chunks.get(i);
            embedded.add(new IndexedChunk(c.chunkId(), c.documentId(), c.documentName(), c.position(), c.content(), c.parentId(),
                    c.parentContent(), c.metadata(), vectors.get(i), c.enabled()));
        }
        index.upsert(embedded);
        index.commit();
    }

    static RetrievalSettings settings(RetrievalMethod method, int topK) {
        return new RetrievalSettings(method, topK, null, Fusion.WEIGHTED_SCORE, 0.7, 0.3, 60, null, MetadataFilter.NONE);
    }

    static List<String> ids(List<RetrievedChunk> hits) {
        return hits.stream().map(RetrievedChunk::chunkId).toList();
    }

    @Test
    void semanticSearchFindsAParaphraseThatSharesNoWordWithTheAnswer() {
        List<RetrievedChunk> semantic = retriever.retrieve(List.of("handbook"), PARAPHRASE, settings(RetrievalMethod.SEMANTIC_SEARCH, 3));
        List<RetrievedChunk> bm25 = retriever.retrieve(List.of("handbook"), PARAPHRASE, settings(RetrievalMethod.FULL_TEXT_SEARCH, 3));

        assertThat(ids(semantic).getFirst()).isEqualTo("refund");
        assertThat(ids(bm25)).doesNotContain("refund");
    }

    @Test
    void fullTextSearchFindsAnExactRareTerm() {
        queryEmbeddings.values().forEach(c -> c.set(0));
        List<RetrievedChunk> bm25 = retriever.retrieve(List.of("handbook"), RARE_CODE, settings(RetrievalMethod.FULL_TEXT_SEARCH, 3));

        assertThat(ids(bm25)).containsExactly("router");
        assertThat(bm25.getFirst().score()).isGreaterThan(0.3).isLessThanOrEqualTo(1.0);
        assertThat(queryEmbeddings.getOrDefault(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15, new AtomicInteger()).get())
                .as("full-text search embeds nothing").isZero();
    }

    @Test
    void hybridSearchFindsBothWithEitherFusion() {
        for (Fusion fusion : Fusion.values()) {
            RetrievalSettings hybrid = new RetrievalSettings(RetrievalMethod.HYBRID_SEARCH, 3, null, fusion, 0.7, 0.3, 60, null, MetadataFilter.NONE);

            assertThat(ids(retriever.retrieve(List.of("handbook"), PARAPHRASE, hybrid)).getFirst()).as(fusion.name()).isEqualTo("refund");
            assertThat(ids(retriever.retrieve(List.of("handbook"), RARE_CODE, hybrid)).getFirst()).as(fusion.name()).isEqualTo("router");
            List<RetrievedChunk> both = retriever.retrieve(List.of("handbook"), PARAPHRASE + " The display shows " + RARE_CODE, hybrid);
            assertThat(ids(both).subList(0, 2)).as(fusion.name()).containsExactlyInAnyOrder("refund", "router");
            assertThat(both).allSatisfy(h -> assertThat(h.score()).isBetween(0.0, 1.0));
        }
    }

    @Test
    void reciprocalRankScoresAreScaledSoThatFirstInBothListsIsOne() {
        RetrievalSettings rrf = new RetrievalSettings(RetrievalMethod.HYBRID_SEARCH, 2, null, Fusion.RECIPROCAL_RANK, 0, 0, 60, null, MetadataFilter.NONE);
        List<RetrievedChunk> hits = retriever.retrieve(List.of("handbook"), "unplug the router when the amber light blinks", rrf);

        assertThat(ids(hits).getFirst()).isEqualTo("router");
        assertThat(hits.getFirst().score()).isEqualTo(1.0);
        assertThat(hits.get(1).score()).isLessThan(1.0).isGreaterThan(0);
    }

    @Test
    void datasetsMergeIntoOneRanking() {
        List<RetrievedChunk> hits = retriever.retrieve(List.of("handbook", "faq"), "can I bring my dog to work",
                settings(RetrievalMethod.HYBRID_SEARCH, 3));

        assertThat(hits.getFirst().chunkId()).isEqualTo("pets");
        assertThat(hits.getFirst().datasetName()).isEqualTo("Office FAQ");
        assertThat(hits.get(1).datasetId()).isEqualTo("handbook");
    }

    @Test
    void eachEmbeddingModelEmbedsTheQueryOnce() {
        queryEmbeddings.values().forEach(c -> c.set(0));
        List<RetrievedChunk> hits = retriever.retrieve(List.of("handbook", "engineering", "faq", "handbook"),
                "who responds to alerts in the middle of the night", settings(RetrievalMethod.SEMANTIC_SEARCH, 20));

        assertThat(hits).extracting(RetrievedChunk::datasetId).contains("handbook", "engineering", "faq");
        assertThat(ids(hits)).contains("oncall").doesNotHaveDuplicates();
        assertThat(queryEmbeddings.get(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15).get()).isEqualTo(1);
        assertThat(queryEmbeddings.get(LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q).get()).isEqualTo(1);
    }

    @Test
    void childrenOfOneParentCollapseIntoOneResultShowingTheParent() {
        List<RetrievedChunk> hits = retriever.retrieve(List.of("handbook"), "are hotel and meals paid when travelling",
                settings(RetrievalMethod.HYBRID_SEARCH, 5));

        List<RetrievedChunk> expenses = hits.stream().filter(h -> h.documentId().equals("doc-expenses")).toList();
        assertThat(expenses).hasSize(1);
        assertThat(hits.getFirst()).isSameAs(expenses.getFirst());
        assertThat(expenses.getFirst().content()).isEqualTo(EXPENSES);
        assertThat(expenses.getFirst().chunkId()).isIn("meals", "hotel");
    }

    @Test
    void whenChildrenOfOneParentFillTheCandidatesTheSearchWidens() {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            chunks.add(new IndexedChunk("child" + i, "big", "big.md", i, "glacier glacier glacier ice " + i, "big-p0", "one big parent",
                    Map.of(), new float[] {1, 0}, true));
        }
        for (int i = 0; i < 3; i++) {
            chunks.add(new IndexedChunk("other" + i, "small" + i, "small.md", 0, "a glacier seen from the valley road on day " + i, null, null,
                    Map.of(), new float[] {0, 1}, true));
        }
        indexes.get("wide").upsert(chunks);

        List<RetrievedChunk> hits = retriever.retrieve(List.of("wide"), "glacier", settings(RetrievalMethod.FULL_TEXT_SEARCH, 4));

        assertThat(hits).extracting(RetrievedChunk::documentId).containsExactly("big", "small0", "small1", "small2");
        assertThat(hits.getFirst().content()).isEqualTo("one big parent");
    }

    @Test
    void theThresholdDropsWeakHitsAndTopKLimits() {
        RetrievalSettings strict = new RetrievalSettings(RetrievalMethod.SEMANTIC_SEARCH, 5, 0.99, null, 0.7, 0.3, 60, null, MetadataFilter.NONE);
        assertThat(retriever.retrieve(List.of("handbook"), PARAPHRASE, strict)).isEmpty();

        List<RetrievedChunk> all = retriever.retrieve(List.of("handbook"), PARAPHRASE, settings(RetrievalMethod.SEMANTIC_SEARCH, 5));
        assertThat(all).hasSize(5);
        double third = all.get(2).score();
        RetrievalSettings middle = new RetrievalSettings(RetrievalMethod.SEMANTIC_SEARCH, 5, third, null, 0.7, 0.3, 60, null, MetadataFilter.NONE);
        assertThat(retriever.retrieve(List.of("handbook"), PARAPHRASE, middle)).hasSize(3);
    }

    @Test
    void theMetadataFilterAppliesToEveryDataset() {
        MetadataFilter it = new MetadataFilter("or", List.of(
                new MetadataCondition("department", "is", "it"), new MetadataCondition("department", "is", "engineering")));
        RetrievalSettings filtered = new RetrievalSettings(RetrievalMethod.HYBRID_SEARCH, 10, null, null, 0.7, 0.3, 60, null, it);

        List<RetrievedChunk> hits = retriever.retrieve(List.of("handbook", "engineering"), PARAPHRASE, filtered);

        assertThat(ids(hits)).containsExactlyInAnyOrder("router", "password", "deploy", "oncall");
        assertThat(hits).allSatisfy(h -> assertThat(h.metadata().get("department")).isIn("it", "engineering"));
    }

    @Test
    void disabledDocumentsAreNotRetrieved() {
        DatasetIndex handbook = indexes.get("handbook");
        handbook.setDocumentEnabled("doc-refund", false);
        try {
            assertThat(ids(retriever.retrieve(List.of("handbook"), PARAPHRASE, settings(RetrievalMethod.HYBRID_SEARCH, 10))))
                    .doesNotContain("refund").isNotEmpty();
        } finally {
            handbook.setDocumentEnabled("doc-refund", true);
        }
        assertThat(ids(retriever.retrieve(List.of("handbook"), PARAPHRASE, settings(RetrievalMethod.HYBRID_SEARCH, 1)))).containsExactly("refund");
    }

    @Test
    void aRerankModelReordersTheCandidatesAndItsScoresAreShown() {
        try (FakeRerankServer server = new FakeRerankServer(body -> FakeRerankServer.countWord(body, "hotel"))) {
            GuardedHttpClient http = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of("127.0.0.1"))));
            Retriever reranking = new Retriever(id -> Optional.ofNullable(datasets.get(id)), indexes, models,
                    new RerankClient(http, ref -> new RerankEndpoint("local", server.baseUrl(), null)));
            RetrievalSettings settings = new RetrievalSettings(RetrievalMethod.HYBRID_SEARCH, 3, 0.15, null, 0.7, 0.3, 60,
                    new RetrievalSettings.RerankModelRef("local", "bge-reranker"), MetadataFilter.NONE);

            List<RetrievedChunk> hits = reranking.retrieve(List.of("handbook", "faq"), PARAPHRASE, settings);

            assertThat(hits).singleElement().satisfies(h -> {
                assertThat(h.content()).isEqualTo(EXPENSES);
                assertThat(h.score()).isEqualTo(0.2);
            });
            FakeRerankServer.Request request = server.requests.getFirst();
            assertThat(request.authorization()).isNull();
            assertThat(request.body().path("model").asString()).isEqualTo("bge-reranker");
            assertThat(request.body().path("documents").valueStream().map(n -> n.asString()).toList())
                    .as("every fused candidate once, parents in place of their children")
                    .hasSize(9).contains(EXPENSES).doesNotContain("Hotel stays need a receipt from the hotel.");
        }
    }

    @Test
    void anUnknownDatasetIsAnErrorAndAnEmptyQueryFindsNothing() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> retriever.retrieve(List.of("handbook", "gone"), "x", settings(RetrievalMethod.SEMANTIC_SEARCH, 3)))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("'gone'");
        assertThat(retriever.retrieve(List.of("handbook"), "  ", settings(RetrievalMethod.SEMANTIC_SEARCH, 3))).isEmpty();
        assertThat(retriever.retrieve(List.of(), "refund", settings(RetrievalMethod.SEMANTIC_SEARCH, 3))).isEmpty();
    }

    /** Counts query embeddings; everything else goes to the real model. */
    record CountingModel(EmbeddingModel model, AtomicInteger queries) implements EmbeddingModel {
        @Override public String id() { return model.id(); }
        @Override public int dimensions() { return model.dimensions(); }
        @Override public int maxTokens() { return model.maxTokens(); }
        @Override public dev.weft.knowledge.chunk.TokenCounter tokenCounter() { return model.tokenCounter(); }
        @Override public List<float[]> embedDocuments(List<String> texts) { return model.embedDocuments(texts); }
        @Override public float[] embedQuery(String query) {
            queries.incrementAndGet();
            return model.embedQuery(query);
        }
    }
}
