package dev.weft.knowledge.retrieve;

import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.index.ChunkHit;
import dev.weft.knowledge.index.DatasetIndex;
import dev.weft.knowledge.index.HybridHit;
import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.knowledge.retrieve.DatasetCatalog.DatasetInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Searches one or more datasets for a query and returns one ranking, Dify's knowledge-retrieval semantics:
 * <ol>
 *   <li>the query is embedded once per distinct embedding model of the datasets (not at all for full-text search);
 *   <li>each dataset's index returns {@link #candidatesPerList(int)} candidates per list (vector, BM25 or both) that
 *       pass the metadata filter and are enabled;
 *   <li>the lists of all datasets are merged and fused ({@link ScoreFusion}); children of one parent collapse into
 *       the best child, shown with the parent's text;
 *   <li>with a rerank model, the best {@link #candidatesPerList(int)} are reranked by it and take its scores;
 *   <li>hits under the score threshold are dropped and the best {@code topK} returned, scores 0..1.
 * </ol>
 * Vector scores of datasets embedded with different models are merged as they are, but two models' cosines are not
 * on one scale (bge-small rates unrelated text near 0.5, MiniLM near 0.1), so the model with the higher baseline
 * wins ties it should not. As in Dify, mixing embedding models across datasets calls for a rerank model.
 */
@Component
public class Retriever {

    /** Fewest candidates taken from each list; see {@link #candidatesPerList(int)}. */
    public static final int MIN_CANDIDATES = 20;

    /** The most candidates per list a search widens to when parent-child collapsing thins out the results. */
    static final int MAX_CANDIDATES = 2000;

    private final Supplier<DatasetCatalog> catalog;
    private final KnowledgeIndexes indexes;
    private final EmbeddingModels models;
    private final RerankClient reranker;

    @Autowired
    public Retriever(ObjectProvider<DatasetCatalog> catalog, KnowledgeIndexes indexes, EmbeddingModels models, RerankClient reranker) {
        this(() -> catalog.getIfAvailable(() -> {
            throw new IllegalStateException("no DatasetCatalog is configured, so datasets cannot be looked up");
        }), indexes, models, reranker);
    }

    public Retriever(DatasetCatalog catalog, KnowledgeIndexes indexes, EmbeddingModels models, RerankClient reranker) {
        this(() -> catalog, indexes, models, reranker);
    }

    private Retriever(Supplier<DatasetCatalog> catalog, KnowledgeIndexes indexes, EmbeddingModels models, RerankClient reranker) {
        this.catalog = catalog;
        this.indexes = indexes;
        this.models = models;
        this.reranker = reranker;
    }

    /**
     * Candidates each list contributes before fusion: {@code max(2 · topK, 20)}. Measured on BEIR SciFact train
     * ({@code BeirBench}, top 10): weighted fusion scores the same nDCG@10 from 10 to 200 candidates, reciprocal rank
     * fusion is best at 10–20 and loses 0.008 at 100; every candidate costs a stored-document read. When collapsing
     * children into parents leaves fewer than {@code topK}, the search is repeated with four times as many.
     */
    public static int candidatesPerList(int topK) {
        return Math.max(2 * topK, MIN_CANDIDATES);
    }

    /**
     * The best chunks of the datasets for the query. Throws {@link NoSuchElementException} for an unknown dataset id,
     * {@link IllegalArgumentException} for a malformed metadata filter, and {@code ModelException} when the rerank
     * model fails.
     */
    public List<RetrievedChunk> retrieve(List<String> datasetIds, String query, RetrievalSettings settings) {
        return retrieve(datasetIds, query, settings, candidatesPerList(settings.topK()));
    }

    /** As {@link #retrieve(List, String, RetrievalSettings)} with an explicit number of candidates per list. */
    public List<RetrievedChunk> retrieve(List<String> datasetIds, String query, RetrievalSettings settings, int candidates) {
        if (datasetIds == null || datasetIds.isEmpty() || query == null || query.isBlank()) {
            return List.of();
        }
        List<DatasetInfo> datasets = new ArrayList<>();
        for (String id : new LinkedHashSet<>(datasetIds)) {
            datasets.add(catalog.get().find(id).orElseThrow(() -> new NoSuchElementException("no knowledge base with id '" + id + "'")));
        }
        Map<String, float[]> vectors = settings.method() == RetrievalMethod.FULL_TEXT_SEARCH ? Map.of() : embed(datasets, query);
        int perList = Math.max(candidates, settings.topK());
        List<Candidate> ranked;
        while (true) {
            List<Candidate> pool = new ArrayList<>();
            boolean exhausted = gather(pool, datasets, query, vectors, settings, perList);
            ranked = switch (settings.method()) {
                case SEMANTIC_SEARCH -> ScoreFusion.semantic(pool);
                case FULL_TEXT_SEARCH -> ScoreFusion.fullText(pool);
                case HYBRID_SEARCH -> ScoreFusion.hybrid(pool, settings);
            };
            ranked = ScoreFusion.collapseParents(ranked);
            if (ranked.size() >= settings.topK() || exhausted || perList >= MAX_CANDIDATES) {
                break;
            }
            perList = Math.min(MAX_CANDIDATES, perList * 4);
        }
        if (settings.rerank() != null) {
            ranked = rerank(query, ranked.subList(0, Math.min(ranked.size(), perList)), settings);
        }
        List<RetrievedChunk> out = new ArrayList<>(settings.topK());
        for (Candidate c : ranked) {
            if (out.size() == settings.topK()) {
                break;
            }
            if (settings.scoreThreshold() == null || c.score() >= settings.scoreThreshold()) {
                out.add(result(c));
            }
        }
        return out;
    }

    /** Adds every dataset's candidates to {@code pool}; true when no list had more than {@code perList} to give. */
    private boolean gather(List<Candidate> pool, List<DatasetInfo> datasets, String query, Map<String, float[]> vectors,
            RetrievalSettings settings, int perList) {
        boolean exhausted = true;
        for (DatasetInfo dataset : datasets) {
            DatasetIndex index = indexes.get(dataset.id());
            float[] vector = vectors.get(dataset.embeddingModelId());
            switch (settings.method()) {
                case SEMANTIC_SEARCH -> exhausted &= add(pool, dataset, index.searchVector(vector, perList, settings.filter()), true) < perList;
                case FULL_TEXT_SEARCH -> exhausted &= add(pool, dataset, index.searchText(query, perList, settings.filter()), false) < perList;
                case HYBRID_SEARCH -> {
                    int deepest = 0;
                    for (HybridHit h : index.searchHybrid(query, vector, perList, settings.filter())) {
                        pool.add(new Candidate(dataset, h.chunk(), h.vectorScore(), h.vectorRank(), h.textScore(), h.textRank(), 0));
                        deepest = Math.max(deepest, Math.max(h.vectorRank(), h.textRank()));
                    }
                    exhausted &= deepest < perList;
                }
            }
        }
        return exhausted;
    }

    private Map<String, float[]> embed(List<DatasetInfo> datasets, String query) {
        Map<String, float[]> vectors = new HashMap<>();
        for (DatasetInfo dataset : datasets) {
            vectors.computeIfAbsent(dataset.embeddingModelId(), id -> models.get(id).embedQuery(query));
        }
        return vectors;
    }

    private static int add(List<Candidate> pool, DatasetInfo dataset, List<ChunkHit> hits, boolean vector) {
        for (int i = 0; i < hits.size(); i++) {
            ChunkHit h = hits.get(i);
            pool.add(vector
                    ? new Candidate(dataset, h.chunk(), h.score(), i + 1, 0, 0, 0)
                    : new Candidate(dataset, h.chunk(), 0, 0, h.score(), i + 1, 0));
        }
        return hits.size();
    }

    private List<Candidate> rerank(String query, List<Candidate> candidates, RetrievalSettings settings) {
        List<String> texts = candidates.stream().map(c -> shownContent(c.chunk())).toList();
        List<Candidate> out = new ArrayList<>();
        for (RerankClient.Ranked r : reranker.rerank(settings.rerank(), query, texts, candidates.size())) {
            out.add(candidates.get(r.index()).withScore(r.score()));
        }
        return out;
    }

    private static String shownContent(IndexedChunk chunk) {
        return chunk.parentContent() != null ? chunk.parentContent() : chunk.content();
    }

    private static RetrievedChunk result(Candidate c) {
        IndexedChunk chunk = c.chunk();
        return new RetrievedChunk(c.dataset().id(), c.dataset().name(), chunk.documentId(), chunk.documentName(), chunk.chunkId(),
                chunk.position(), shownContent(chunk), c.score(), chunk.metadata());
    }
}
