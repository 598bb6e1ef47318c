package dev.weft.bench;

import dev.weft.knowledge.chunk.TokenCounter;
import dev.weft.knowledge.embed.EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.index.DatasetIndex;
import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.knowledge.retrieve.DatasetCatalog.DatasetInfo;
import dev.weft.knowledge.retrieve.MetadataFilter;
import dev.weft.knowledge.retrieve.RerankClient;
import dev.weft.knowledge.retrieve.RetrievalMethod;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.knowledge.retrieve.RetrievalSettings.Fusion;
import dev.weft.knowledge.retrieve.RetrievedChunk;
import dev.weft.knowledge.retrieve.Retriever;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * BEIR SciFact through Weft's own pipeline: the corpus indexed with {@link DatasetIndex} (document text =
 * {@code title + " " + text}, one chunk per document unless it is longer than the model reads, then windows of
 * whole words), queries run through {@link Retriever}; prints nDCG@10 and recall@100 (trec_eval definitions,
 * document level: a document ranks where its best chunk ranks) for semantic, BM25 and hybrid search.
 *
 * <p>Hybrid weights and the number of candidates per list are tuned on {@code qrels/train.tsv} only
 * ({@code tune=true}); dev figures are reported for the defaults and for the tuned values.
 *
 * <pre>
 * ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.BeirBench -Dbench.jvm=-Xmx3g \
 *     -Dbench.args="model=local:bge-small-en-v1.5 tune=true"
 * </pre>
 * Other arguments: {@code data=../shared/data/beir-scifact}, {@code index=target/beir-index} (kept and reused: the
 * corpus is embedded once per model), {@code limit=N} (first N dev queries).
 */
public final class BeirBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                a.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
        }
        String modelId = a.getOrDefault("model", EmbeddingModels.DEFAULT_ID);
        Path data = Path.of(a.getOrDefault("data", "../shared/data/beir-scifact"));
        Path indexRoot = Path.of(a.getOrDefault("index", "target/beir-index"));
        boolean tune = Boolean.parseBoolean(a.getOrDefault("tune", "true"));
        if (!Files.exists(data.resolve("corpus.jsonl.gz"))) {
            System.out.println("no BEIR SciFact data in " + data.toAbsolutePath() + "; nothing to do");
            return;
        }

        CachingModels models = new CachingModels();
        EmbeddingModel model = models.get(modelId);
        String datasetId = "scifact-" + modelId.replaceAll("[^A-Za-z0-9.-]", "_");
        try (KnowledgeIndexes indexes = new KnowledgeIndexes(indexRoot)) {
            DatasetIndex index = indexes.get(datasetId);
            Path done = indexRoot.resolve(datasetId + ".complete");
            if (!Files.exists(done) || index.chunkCount() == 0) {
                build(index, model, data.resolve("corpus.jsonl.gz"));
                Files.writeString(done, "complete\n");
            } else {
                System.out.printf("reusing the index in %s (%d chunks)%n", index.path(), index.chunkCount());
            }

            DatasetInfo info = new DatasetInfo(datasetId, "SciFact", modelId);
            GuardedHttpClient http = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(List.of())));
            Retriever retriever = new Retriever(id -> Optional.of(info), indexes, models,
                    new RerankClient(http, ref -> { throw new IllegalStateException("no rerank in this benchmark"); }));
            Map<String, String> queries = queries(data.resolve("queries.jsonl"));
            Map<String, Map<String, Integer>> dev = qrels(data.resolve("qrels/dev.tsv"));
            Map<String, Map<String, Integer>> train = qrels(data.resolve("qrels/train.tsv"));
            if (a.containsKey("limit")) {
                dev = limit(dev, Integer.parseInt(a.get("limit")));
                train = limit(train, Integer.parseInt(a.get("limit")));
            }
            Evaluation eval = new Evaluation(retriever, List.of(datasetId), queries);

            double wv = 0.7;
            int candidates = -1;
            if (tune) {
                System.out.printf("%ntuning on train (%d queries), hybrid weighted, nDCG@10 with top-10 retrieval%n", train.size());
                System.out.printf("%-28s %8s%n", "vectorWeight (keyword = 1 - it)", "nDCG@10");
                double best = -1;
                for (double w = 0.3; w <= 0.951; w += 0.05) {
                    double ndcg = eval.run(hybrid(Fusion.WEIGHTED_SCORE, w, 10), train, Retriever.candidatesPerList(10)).ndcg10();
                    System.out.printf("%-28.2f %8.4f%n", w, ndcg);
                    if (ndcg > best) {
                        best = ndcg;
                        wv = Math.round(w * 100) / 100.0;
                    }
                }
                System.out.printf("%ncandidates per list on train (top-10, weights %.2f/%.2f; weighted and RRF nDCG@10)%n", wv, 1 - wv);
                System.out.printf("%12s %10s %10s%n", "candidates", "weighted", "RRF");
                for (int c : new int[] {10, 20, 50, 100, 200}) {
                    System.out.printf("%12d %10.4f %10.4f%n", c, eval.run(hybrid(Fusion.WEIGHTED_SCORE, wv, 10), train, c).ndcg10(),
                            eval.run(hybrid(Fusion.RECIPROCAL_RANK, wv, 10), train, c).ndcg10());
                }
            }

            if (tune) {
                compareTextNormalisation(index, models.get(modelId), queries, train);
            }

            System.out.printf("%ndev (%d queries), %s, %d chunks; top-100 retrieval, candidates per list %d%n", dev.size(), modelId,
                    index.chunkCount(), Retriever.candidatesPerList(100));
            System.out.printf("%-40s %8s %8s%n", "method", "nDCG@10", "R@100");
            print("semantic", eval.run(settings(RetrievalMethod.SEMANTIC_SEARCH, null, 0.7, 100), dev, candidates));
            print("BM25", eval.run(settings(RetrievalMethod.FULL_TEXT_SEARCH, null, 0.7, 100), dev, candidates));
            print("hybrid weighted 0.70/0.30 (default)", eval.run(hybrid(Fusion.WEIGHTED_SCORE, 0.7, 100), dev, candidates));
            if (tune) {
                print(String.format("hybrid weighted %.2f/%.2f (train-tuned)", wv, 1 - wv), eval.run(hybrid(Fusion.WEIGHTED_SCORE, wv, 100), dev, candidates));
            }
            print("hybrid RRF k=60", eval.run(hybrid(Fusion.RECIPROCAL_RANK, 0.7, 100), dev, candidates));

            System.out.printf("%nlatency per query on this index, top-10, query embedding cached (index + fusion only), %d dev queries%n", dev.size());
            System.out.printf("%-28s %8s %8s%n", "method", "p50 ms", "p99 ms");
            for (RetrievalMethod m : RetrievalMethod.values()) {
                double[] lat = eval.latency(settings(m, Fusion.WEIGHTED_SCORE, 0.7, 10), dev);
                System.out.printf("%-28s %8.2f %8.2f%n", m, lat[0], lat[1]);
            }
        }
    }

    /**
     * Weighted hybrid with the BM25 score divided by the query's maximum possible score (what the index does) against
     * dividing it by the best BM25 score among the query's candidates (min-max style), on train.
     */
    private static void compareTextNormalisation(DatasetIndex index, EmbeddingModel model, Map<String, String> queries,
            Map<String, Map<String, Integer>> qrels) {
        System.out.printf("%nBM25 normalisation in weighted hybrid on train (top-10, 50 candidates per list), nDCG@10%n");
        System.out.printf("%14s %16s %16s%n", "vectorWeight", "/ max possible", "/ best hit");
        Map<String, List<dev.weft.knowledge.index.HybridHit>> hits = new HashMap<>();
        for (String q : qrels.keySet()) {
            hits.put(q, index.searchHybrid(queries.get(q), model.embedQuery(queries.get(q)), 50, MetadataFilter.NONE));
        }
        for (double w = 0.3; w <= 0.951; w += 0.1) {
            double[] ndcg = new double[2];
            for (String q : qrels.keySet()) {
                List<dev.weft.knowledge.index.HybridHit> hs = hits.get(q);
                double best = hs.stream().mapToDouble(dev.weft.knowledge.index.HybridHit::textScore).max().orElse(0);
                for (int variant = 0; variant < 2; variant++) {
                    double wv = w;
                    boolean byBest = variant == 1;
                    List<String> docs = hs.stream()
                            .sorted(Comparator.comparingDouble((dev.weft.knowledge.index.HybridHit h) -> -(wv * h.vectorScore()
                                    + (1 - wv) * (byBest ? (best == 0 ? 0 : h.textScore() / best) : h.textScore()))))
                            .map(h -> h.chunk().documentId()).distinct().limit(10).toList();
                    ndcg[variant] += Evaluation.ndcgAt10(docs, qrels.get(q));
                }
            }
            System.out.printf("%14.1f %16.4f %16.4f%n", w, ndcg[0] / qrels.size(), ndcg[1] / qrels.size());
        }
    }

    private static RetrievalSettings settings(RetrievalMethod method, Fusion fusion, double vectorWeight, int topK) {
        return new RetrievalSettings(method, topK, null, fusion, vectorWeight, 1 - vectorWeight, 60, null, MetadataFilter.NONE);
    }

    private static RetrievalSettings hybrid(Fusion fusion, double vectorWeight, int topK) {
        return settings(RetrievalMethod.HYBRID_SEARCH, fusion, vectorWeight, topK);
    }

    private static void print(String label, Scores s) {
        System.out.printf("%-40s %8.4f %8.4f%n", label, s.ndcg10(), s.recall100());
    }

    // ---- indexing ----

    private static void build(DatasetIndex index, EmbeddingModel model, Path corpus) throws IOException {
        List<String[]> docs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(corpus)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    JsonNode doc = JSON.readTree(line);
                    docs.add(new String[] {doc.path("_id").asString(), doc.path("title").asString() + " " + doc.path("text").asString()});
                }
            }
        }
        TokenCounter tokens = model.tokenCounter();
        int budget = model.maxTokens(); // counted without [CLS] and [SEP], as the model cuts
        List<IndexedChunk> chunks = new ArrayList<>();
        int split = 0;
        for (String[] doc : docs) {
            List<String> pieces = windows(doc[1], tokens, budget);
            split += pieces.size() > 1 ? 1 : 0;
            for (int i = 0; i < pieces.size(); i++) {
                chunks.add(new IndexedChunk(doc[0] + "#" + i, doc[0], doc[0], i, pieces.get(i), null, null, Map.of(), null, true));
            }
        }
        System.out.printf("%d documents, %d chunks (%d documents longer than %d tokens were split); embedding with %s%n",
                docs.size(), chunks.size(), split, budget, model.id());
        long t0 = System.nanoTime();
        int batch = 64;
        for (int start = 0; start < chunks.size(); start += batch) {
            List<IndexedChunk> part = chunks.subList(start, Math.min(chunks.size(), start + batch));
            List<float[]> vectors = model.embedDocuments(part.stream().map(IndexedChunk::content).toList());
            List<IndexedChunk> embedded = new ArrayList<>(part.size());
            for (int i = 0; i < part.size(); i++) {
                IndexedChunk c = part.get(i);
                embedded.add(new IndexedChunk(c.chunkId(), c.documentId(), c.documentName(), c.position(), c.content(), null, null,
                        Map.of(), vectors.get(i), true));
            }
            index.upsert(embedded);
            if ((start / batch) % 10 == 0) {
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("  %d / %d chunks, %.0f s, %.1f chunks/s%n", start + part.size(), chunks.size(), s, (start + part.size()) / s);
            }
        }
        index.commit();
        System.out.printf("embedded and indexed in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The text in windows of whole words of at most {@code budget} tokens (one window when it fits). */
    static List<String> windows(String text, TokenCounter tokens, int budget) {
        if (tokens.count(text) <= budget) {
            return List.of(text);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int used = 0;
        for (String word : text.split("\\s+")) {
            int n = Math.max(1, tokens.count(word));
            if (used + n > budget && current.length() > 0) {
                out.add(current.toString());
                current.setLength(0);
                used = 0;
            }
            current.append(current.length() == 0 ? "" : " ").append(word);
            used += n;
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    // ---- data ----

    private static Map<String, String> queries(Path file) throws IOException {
        Map<String, String> queries = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode q = JSON.readTree(line);
                queries.put(q.path("_id").asString(), q.path("text").asString());
            }
        }
        return queries;
    }

    private static Map<String, Map<String, Integer>> qrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String raw : lines.subList(1, lines.size())) {
            String[] f = raw.replace("\r", "").split("\t");
            if (f.length == 3 && Integer.parseInt(f[2].trim()) > 0) {
                qrels.computeIfAbsent(f[0].trim(), k -> new LinkedHashMap<>()).put(f[1].trim(), Integer.parseInt(f[2].trim()));
            }
        }
        return qrels;
    }

    private static Map<String, Map<String, Integer>> limit(Map<String, Map<String, Integer>> qrels, int n) {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        qrels.entrySet().stream().limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    // ---- evaluation ----

    record Scores(double ndcg10, double recall100) {}

    private record Evaluation(Retriever retriever, List<String> datasets, Map<String, String> queries) {

        Scores run(RetrievalSettings settings, Map<String, Map<String, Integer>> qrels, int candidates) {
            double ndcg = 0;
            double recall = 0;
            for (Map.Entry<String, Map<String, Integer>> e : qrels.entrySet()) {
                List<String> docs = ranking(settings, queries.get(e.getKey()), candidates);
                ndcg += ndcgAt10(docs, e.getValue());
                recall += recallAt100(docs, e.getValue());
            }
            return new Scores(ndcg / qrels.size(), recall / qrels.size());
        }

        /** Documents in rank order (a document where its best chunk is). */
        List<String> ranking(RetrievalSettings settings, String query, int candidates) {
            RetrievalSettings wider = new RetrievalSettings(settings.method(), settings.topK() * 2, null, settings.fusion(),
                    settings.vectorWeight(), settings.keywordWeight(), settings.rrfK(), null, settings.filter());
            List<RetrievedChunk> hits = candidates > 0
                    ? retriever.retrieve(datasets, query, wider, Math.max(candidates, wider.topK()))
                    : retriever.retrieve(datasets, query, wider, Retriever.candidatesPerList(settings.topK()));
            Set<String> docs = new LinkedHashSet<>();
            for (RetrievedChunk h : hits) {
                if (docs.size() == settings.topK()) {
                    break;
                }
                docs.add(h.documentId());
            }
            return new ArrayList<>(docs);
        }

        double[] latency(RetrievalSettings settings, Map<String, Map<String, Integer>> qrels) {
            List<String> qs = qrels.keySet().stream().map(queries::get).toList();
            qs.forEach(q -> retriever.retrieve(datasets, q, settings)); // warm-up, fills the embedding cache
            long[] nanos = new long[qs.size()];
            for (int i = 0; i < qs.size(); i++) {
                long t = System.nanoTime();
                retriever.retrieve(datasets, qs.get(i), settings);
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            return new double[] {nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6};
        }

        static double ndcgAt10(List<String> ranked, Map<String, Integer> relevant) {
            double dcg = 0;
            for (int i = 0; i < Math.min(10, ranked.size()); i++) {
                dcg += relevant.getOrDefault(ranked.get(i), 0) / log2(i + 2);
            }
            List<Integer> ideal = relevant.values().stream().sorted((x, y) -> y - x).toList();
            double idcg = 0;
            for (int i = 0; i < Math.min(10, ideal.size()); i++) {
                idcg += ideal.get(i) / log2(i + 2);
            }
            return idcg == 0 ? 0 : dcg / idcg;
        }

        static double recallAt100(List<String> ranked, Map<String, Integer> relevant) {
            long found = ranked.stream().limit(100).filter(relevant::containsKey).count();
            return relevant.isEmpty() ? 0 : found / (double) relevant.size();
        }

        private static double log2(double x) {
            return Math.log(x) / Math.log(2);
        }
    }

    /** Remembers query vectors, so that sweeps and latency runs embed each query once. */
    private static final class CachingModels extends EmbeddingModels {

        private final Map<String, EmbeddingModel> wrapped = new ConcurrentHashMap<>();

        @Override
        public EmbeddingModel get(String id) {
            return wrapped.computeIfAbsent(id, k -> new CachingModel(super.get(k)));
        }
    }

    private record CachingModel(EmbeddingModel model, Map<String, float[]> queries) implements EmbeddingModel {

        CachingModel(EmbeddingModel model) {
            this(model, new ConcurrentHashMap<>());
        }

        @Override public String id() { return model.id(); }
        @Override public int dimensions() { return model.dimensions(); }
        @Override public int maxTokens() { return model.maxTokens(); }
        @Override public TokenCounter tokenCounter() { return model.tokenCounter(); }
        @Override public List<float[]> embedDocuments(List<String> texts) { return model.embedDocuments(texts); }
        @Override public float[] embedQuery(String query) { return queries.computeIfAbsent(query, model::embedQuery); }
    }
}
