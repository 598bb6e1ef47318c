package dev.weft.engine.node.knowledgeretrieval;

import dev.weft.app.App;
import dev.weft.app.AppService;
import dev.weft.engine.node.NodeContext;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.NodeExecutor;
import dev.weft.engine.node.NodeResult;
import dev.weft.engine.node.llm.ModelCaller;
import dev.weft.engine.variable.Selector;
import dev.weft.engine.variable.Values;
import dev.weft.knowledge.dataset.AppRetrieval;
import dev.weft.knowledge.dataset.AppRetrievalLog;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.knowledge.retrieve.MetadataCondition;
import dev.weft.knowledge.retrieve.MetadataFilter;
import dev.weft.knowledge.retrieve.RetrievalMethod;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.knowledge.retrieve.RetrievedChunk;
import dev.weft.knowledge.retrieve.Retriever;
import dev.weft.model.ChatModelResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * {@code knowledge-retrieval}: searches the node's datasets for the query variable and outputs {@code result}, a list
 * of chunks ({@code content}, {@code title}, {@code metadata} with score, dataset and document), ranked together
 * across datasets. An LLM node whose context is this list cites the chunks (Dify's {@code retriever_resources}).
 * <p>Settings: the first dataset's retrieval settings, overridden by {@code multiple_retrieval_config}: top_k,
 * score_threshold, weighted hybrid search ({@code weighted_score}) or a rerank model ({@code reranking_model}).
 * <p>Each search goes into the searched datasets' retrieval history (source {@code app}) through the
 * {@link AppRetrievalLog}, which writes it off the run's thread.
 */
@Component
public class KnowledgeRetrievalNode implements NodeExecutor<KnowledgeRetrievalConfig> {

    public static final String TYPE = "knowledge-retrieval";

    private final DatasetService datasets;
    private final Retriever retriever;
    private final AppService apps;
    private final KnowledgeIndexes indexes;
    private final AutomaticMetadataFilter automaticFilter;
    private final AppRetrievalLog history;

    public KnowledgeRetrievalNode(DatasetService datasets, Retriever retriever, AppService apps, KnowledgeIndexes indexes,
            ChatModelResolver models, AppRetrievalLog history) {
        this.datasets = datasets;
        this.retriever = retriever;
        this.apps = apps;
        this.indexes = indexes;
        this.history = history;
        this.automaticFilter = new AutomaticMetadataFilter(new ModelCaller(models, "knowledge retrieval"));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<KnowledgeRetrievalConfig> configType() {
        return KnowledgeRetrievalConfig.class;
    }

    @Override
    public NodeResult execute(KnowledgeRetrievalConfig config, NodeContext ctx) {
        String query = ctx.resolve(config.queryVariableSelector()).map(Values::toText).orElse("").strip();
        Map<String, Object> inputs = NodeResult.map("query", query);
        if (query.isEmpty()) {
            return NodeResult.of(inputs, Map.of("result", List.of()));
        }
        String workspaceId = apps.find(ctx.appId()).map(App::getWorkspaceId).orElse(null);
        List<Dataset> found = new ArrayList<>();
        for (String id : config.datasetIds()) {
            datasets.find(id).filter(d -> d.getWorkspaceId().equals(workspaceId)).ifPresent(found::add);
        }
        if (found.isEmpty()) {
            throw new NodeExecutionException("KnowledgeRetrievalNodeError",
                    "none of the node's knowledge bases exists any more; choose knowledge bases in the node");
        }
        RetrievalSettings settings = settings(config, found.getFirst().getRetrievalSettings());
        AutomaticMetadataFilter.Result automatic = null;
        if ("automatic".equals(config.metadataFilteringMode())) {
            SortedSet<String> fields = new TreeSet<>();
            found.forEach(d -> fields.addAll(indexes.get(d.getId()).metadataKeys()));
            automatic = automaticFilter.derive(config.metadataModelConfig(), query, fields, ctx);
            settings = settings.withFilter(automatic.filter());
        }
        List<String> datasetIds = found.stream().map(Dataset::getId).toList();
        long start = System.nanoTime();
        List<RetrievedChunk> hits = retriever.retrieve(datasetIds, query, settings);
        String user = ctx.resolve(List.of("sys", "user_id")).map(Values::toText).orElse(null);
        history.record(new AppRetrieval(ctx.appId(), ctx.runId(), query, settings,
                (System.nanoTime() - start) / 1_000_000, datasetIds, hits, user, ctx.startedByRole()));
        List<Map<String, Object>> result = new ArrayList<>();
        int position = 1;
        for (RetrievedChunk hit : hits) {
            result.add(item(hit, position++));
        }
        NodeResult done = NodeResult.of(inputs, Map.of("result", result));
        if (automatic == null) {
            return done.withProcessData(NodeResult.map("retrieval_settings", describe(settings), "hits", hits.size()));
        }
        return done.withProcessData(NodeResult.map("retrieval_settings", describe(settings), "hits", hits.size(),
                        "metadata_filter", automatic.trace(), "usage", ModelCaller.usageMap(automatic.usage())))
                .withUsage(ModelCaller.summary(automatic.usage()));
    }

    /** One {@code result} item: Dify's shape, with {@code metadata._source = knowledge} so LLM nodes cite it. */
    static Map<String, Object> item(RetrievedChunk hit, int position) {
        Map<String, Object> metadata = new LinkedHashMap<>(hit.metadata());
        metadata.put("_source", "knowledge");
        metadata.put("position", position);
        metadata.put("dataset_id", hit.datasetId());
        metadata.put("dataset_name", hit.datasetName());
        metadata.put("document_id", hit.documentId());
        metadata.put("document_name", hit.documentName());
        metadata.put("data_source_type", hit.metadata().getOrDefault("source", "upload_file"));
        metadata.put("segment_id", hit.chunkId());
        metadata.put("segment_position", hit.position() + 1);
        metadata.put("retriever_from", "workflow");
        metadata.put("score", hit.score());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("content", hit.content());
        item.put("title", hit.documentName());
        item.put("metadata", metadata);
        return item;
    }

    static RetrievalSettings settings(KnowledgeRetrievalConfig config, RetrievalSettings base) {
        KnowledgeRetrievalConfig.MultipleRetrievalConfig m = config.multipleRetrievalConfig();
        RetrievalMethod method = base.method();
        int topK = base.topK();
        Double threshold = base.scoreThreshold();
        RetrievalSettings.Fusion fusion = base.fusion();
        double vectorWeight = base.vectorWeight();
        double keywordWeight = base.keywordWeight();
        RetrievalSettings.RerankModelRef rerank = base.rerank();
        if (m != null) {
            if (m.topK() != null && m.topK() > 0) {
                topK = m.topK();
            }
            if (m.scoreThreshold() != null) {
                threshold = m.scoreThreshold() <= 0 ? null : m.scoreThreshold();
            }
            if ("weighted_score".equals(m.rerankingMode()) && m.weights() != null) {
                method = RetrievalMethod.HYBRID_SEARCH;
                fusion = RetrievalSettings.Fusion.WEIGHTED_SCORE;
                if (m.weights().vectorSetting() != null && m.weights().vectorSetting().vectorWeight() != null) {
                    vectorWeight = m.weights().vectorSetting().vectorWeight();
                }
                if (m.weights().keywordSetting() != null && m.weights().keywordSetting().keywordWeight() != null) {
                    keywordWeight = m.weights().keywordSetting().keywordWeight();
                }
                rerank = null;
            } else if (Boolean.TRUE.equals(m.rerankingEnable()) && m.rerankingModel() != null
                    && m.rerankingModel().model() != null) {
                rerank = new RetrievalSettings.RerankModelRef(m.rerankingModel().provider(), m.rerankingModel().model());
            }
        }
        return new RetrievalSettings(method, topK, threshold, fusion, vectorWeight, keywordWeight, base.rrfK(), rerank,
                filter(config, base.filter()));
    }

    private static MetadataFilter filter(KnowledgeRetrievalConfig config, MetadataFilter base) {
        String mode = config.metadataFilteringMode();
        if (mode == null || mode.equals("disabled")) {
            return MetadataFilter.NONE;
        }
        if (mode.equals("automatic")) {
            return MetadataFilter.NONE; // derived per query by the model, in execute
        }
        KnowledgeRetrievalConfig.MetadataFilteringConditions c = config.metadataFilteringConditions();
        if (c == null || c.conditions() == null) {
            return base;
        }
        List<MetadataCondition> conditions = c.conditions().stream()
                .map(x -> new MetadataCondition(x.name(), x.comparisonOperator(), x.value() == null ? null : conditionValue(x.value())))
                .toList();
        return new MetadataFilter(c.logicalOperator(), conditions);
    }

    private static String conditionValue(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Values::toText).toList());
        }
        return Values.toText(value);
    }

    private static Map<String, Object> describe(RetrievalSettings s) {
        return NodeResult.map("method", s.method().name().toLowerCase(), "top_k", s.topK(),
                "score_threshold", s.scoreThreshold(), "fusion", s.fusion().name().toLowerCase(),
                "vector_weight", s.vectorWeight(), "keyword_weight", s.keywordWeight(),
                "rerank", s.rerank() == null ? null : s.rerank().model());
    }

    @Override
    public List<Selector> inputSelectors(KnowledgeRetrievalConfig config) {
        return config.queryVariableSelector() == null || config.queryVariableSelector().size() < 2
                ? List.of() : List.of(new Selector(config.queryVariableSelector()));
    }

    @Override
    public List<String> outputNames(KnowledgeRetrievalConfig config) {
        return List.of("result");
    }

    @Override
    public List<ConfigProblem> validate(KnowledgeRetrievalConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (config.queryVariableSelector() == null || config.queryVariableSelector().size() < 2) {
            problems.add(new ConfigProblem("query_variable_selector", "choose the variable that holds the query"));
        }
        if (config.datasetIds().isEmpty()) {
            problems.add(new ConfigProblem("dataset_ids", "choose at least one knowledge base"));
        }
        return problems;
    }
}
