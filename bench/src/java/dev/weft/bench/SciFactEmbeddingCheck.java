package dev.weft.bench;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.embed.LocalOnnxEmbeddingModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A quick retrieval check of the in-process embedding models on the dev half of BEIR SciFact
 * ({@code ../shared/data/beir-scifact}): documents embedded as {@code title + " " + text}, queries through
 * {@code embedQuery}, exact cosine search over the documents, nDCG@10 and recall@100. With {@code docs=all} the whole
 * corpus is searched, so the figures compare with the README's dev-half table (bge-small-en-v1.5: 0.7441 / 0.9733;
 * all-MiniLM-L6-v2, not quantised: 0.6562 / 0.9600). With {@code docs=N} the corpus is the judged documents plus N
 * others drawn at random, which is quicker and gives higher figures. For bge it also compares a sample of document
 * vectors with LangChain4j's {@code BgeSmallEnV15EmbeddingModel} (cosine; it differs only past 510 tokens, where
 * LangChain4j averages pieces instead of cutting).
 *
 * <p>Run: {@code ./mvnw -o -Pbench test-compile exec:exec -Dbench.main=dev.weft.bench.SciFactEmbeddingCheck
 * -Dbench.args="model=bge docs=all"}
 */
public final class SciFactEmbeddingCheck {

    private static final Path DATA = Path.of("..", "shared", "data", "beir-scifact");

    private SciFactEmbeddingCheck() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("model", "bge", "docs", "all", "compare", "200"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        if (!Files.isDirectory(DATA)) {
            System.out.println("BEIR SciFact is not in " + DATA.toAbsolutePath().normalize() + "; nothing to check");
            return;
        }
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Set<String>> relevant = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DATA.resolve("qrels/dev.tsv"))) {
            String[] f = line.strip().split("\t");
            if (f.length == 3 && !f[0].equals("query-id") && Integer.parseInt(f[2]) > 0) {
                relevant.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
            }
        }
        Map<String, String> queries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DATA.resolve("queries.jsonl"))) {
            JsonNode q = json.readTree(line);
            if (relevant.containsKey(q.path("_id").asString())) {
                queries.put(q.path("_id").asString(), q.path("text").asString());
            }
        }
        Map<String, String> corpus = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(DATA.resolve("corpus.jsonl.gz"))), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode doc = json.readTree(line);
                corpus.put(doc.path("_id").asString(), doc.path("title").asString() + " " + doc.path("text").asString());
            }
        }
        List<String> docIds = new ArrayList<>(corpus.keySet());
        if (!options.get("docs").equals("all")) {
            Set<String> judged = new HashSet<>();
            relevant.values().forEach(judged::addAll);
            List<String> others = new ArrayList<>(docIds);
            others.removeAll(judged);
            Collections.shuffle(others, new Random(1));
            docIds = new ArrayList<>(judged);
            docIds.addAll(others.subList(0, Math.min(others.size(), Integer.parseInt(options.get("docs")))));
        }
        String id = options.get("model").startsWith("bge") ? LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15 : LocalOnnxEmbeddingModel.ALL_MINILM_L6_V2_Q;
        try (EmbeddingModels models = new EmbeddingModels()) {
            EmbeddingModel model = models.get(id);
            List<String> texts = docIds.stream().map(corpus::get).toList();
            long started = System.nanoTime();
            List<float[]> docVectors = model.embedDocuments(texts);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%s: %d documents embedded in %.1f s (%.1f/s), %d dev queries%n", id, texts.size(), seconds,
                    texts.size() / seconds, queries.size());
            double ndcg = 0;
            double recall = 0;
            for (Map.Entry<String, String> query : queries.entrySet()) {
                float[] q = model.embedQuery(query.getValue());
                List<Integer> ranked = rank(q, docVectors);
                Set<String> rel = relevant.get(query.getKey());
                double dcg = 0;
                int found = 0;
                for (int r = 0; r < Math.min(100, ranked.size()); r++) {
                    if (rel.contains(docIds.get(ranked.get(r)))) {
                        if (r < 10) {
                            dcg += 1 / log2(r + 2);
                        }
                        found++;
                    }
                }
                double ideal = 0;
                for (int r = 0; r < Math.min(10, rel.size()); r++) {
                    ideal += 1 / log2(r + 2);
                }
                ndcg += dcg / ideal;
                recall += (double) found / rel.size();
            }
            System.out.printf("dev half, %s corpus: nDCG@10 %.4f, recall@100 %.4f%n", options.get("docs").equals("all") ? "whole" : "sampled",
                    ndcg / queries.size(), recall / queries.size());
            if (id.equals(LocalOnnxEmbeddingModel.BGE_SMALL_EN_V15)) {
                compareWithLangChain4j(model, texts, docVectors, Integer.parseInt(options.get("compare")));
            }
        }
    }

    private static void compareWithLangChain4j(EmbeddingModel model, List<String> texts, List<float[]> ours, int sample) {
        BgeSmallEnV15EmbeddingModel reference = new BgeSmallEnV15EmbeddingModel();
        double min = 1;
        double sum = 0;
        double minShort = 1;
        int compared = 0;
        for (int i = 0; i < Math.min(sample, texts.size()); i++) {
            double cosine = dot(reference.embed(texts.get(i)).content().vector(), ours.get(i));
            min = Math.min(min, cosine);
            sum += cosine;
            if (model.tokenCounter().count(texts.get(i)) <= model.maxTokens()) {
                minShort = Math.min(minShort, cosine);
            }
            compared++;
        }
        System.out.printf("vs LangChain4j BgeSmallEnV15EmbeddingModel on %d documents: mean cosine %.5f, min %.5f, "
                + "min over documents within 510 tokens %.5f%n", compared, sum / compared, min, minShort);
    }

    private static List<Integer> rank(float[] query, List<float[]> docs) {
        List<Integer> order = new ArrayList<>(docs.size());
        double[] scores = new double[docs.size()];
        for (int i = 0; i < docs.size(); i++) {
            scores[i] = dot(query, docs.get(i));
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
