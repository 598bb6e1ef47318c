package dev.weft.api.dataset;

import dev.weft.api.service.ServiceApiException;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.dataset.DatasetQueryHistory;
import dev.weft.knowledge.dataset.DatasetRepository;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.HitTestingService;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.security.Account;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Knowledge bases: {@code POST/GET /v1/datasets}, {@code GET/PATCH/DELETE /v1/datasets/{id}} and
 * {@code POST /v1/datasets/{id}/retrieve} (or {@code /hit-testing}), and {@code GET /v1/datasets/{id}/queries}, the
 * retrieval history in the shape of Dify's console (Dify's Service API has none). Weft indexes every chunk both for vectors and full text, so a dataset
 * is always {@code high_quality}; {@code economy} is accepted and searched as full text by {@code keyword_search}.
 */
@RestController
@RequestMapping("/v1/datasets")
class KnowledgeBasesApiController {

    private final DatasetService datasets;
    private final DatasetRepository datasetRows;
    private final HitTestingService hitTesting;
    private final DatasetQueryHistory history;
    private final EmbeddingModels embeddingModels;
    private final DifyKnowledgeViews views;
    private final DatasetApiCaller caller;

    KnowledgeBasesApiController(DatasetService datasets, DatasetRepository datasetRows, HitTestingService hitTesting,
            DatasetQueryHistory history, EmbeddingModels embeddingModels, DifyKnowledgeViews views,
            DatasetApiCaller caller) {
        this.datasets = datasets;
        this.datasetRows = datasetRows;
        this.hitTesting = hitTesting;
        this.history = history;
        this.embeddingModels = embeddingModels;
        this.views = views;
        this.caller = caller;
    }

    @PostMapping
    Map<String, Object> create(@RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        String name = DifyRequests.requiredText(body, "name");
        if ("external".equals(DifyRetrievalModel.text(body, "provider"))) {
            throw ServiceApiException.invalid("provider: external knowledge bases are not supported by Weft; use vendor");
        }
        checkIndexingTechnique(body);
        if (datasetRows.existsByWorkspaceIdAndNameIgnoreCase(account.getWorkspaceId(), name.strip())) {
            throw new ServiceApiException(409, "dataset_name_duplicate", "The dataset name already exists. Please modify your dataset name.");
        }
        RetrievalSettings retrieval = body.has("retrieval_model")
                ? DifyRetrievalModel.read(body.get("retrieval_model"), RetrievalSettings.DEFAULT) : null;
        Dataset dataset = datasets.create(account, new DatasetService.DatasetDraft(name,
                DifyRetrievalModel.text(body, "description"), permission(body), memberIds(body),
                modelId(body), null, retrieval));
        return views.dataset(dataset);
    }

    @GetMapping
    Map<String, Object> list(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int limit,
            @RequestParam(required = false) String keyword) {
        DifyRequests.checkPage(page, limit);
        List<Dataset> all = datasets.listVisible(caller.account()).stream()
                .filter(d -> keyword == null || keyword.isBlank()
                        || d.getName().toLowerCase(Locale.ROOT).contains(keyword.strip().toLowerCase(Locale.ROOT)))
                .toList();
        List<Map<String, Object>> data = DifyRequests.slice(all, page, limit).stream().map(views::dataset).toList();
        return DifyKnowledgeViews.page(data, page, limit, all.size());
    }

    @GetMapping("/{datasetId}")
    Map<String, Object> get(@PathVariable String datasetId) {
        return views.dataset(datasets.get(caller.account(), datasetId));
    }

    @PatchMapping("/{datasetId}")
    Map<String, Object> update(@PathVariable String datasetId, @RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        Dataset dataset = datasets.get(account, datasetId);
        checkIndexingTechnique(body);
        String name = DifyRetrievalModel.text(body, "name");
        if (body.has("name") && (name == null || name.isBlank())) {
            throw ServiceApiException.invalid("name: must not be empty");
        }
        if (name != null && !name.strip().equalsIgnoreCase(dataset.getName())
                && datasetRows.existsByWorkspaceIdAndNameIgnoreCase(account.getWorkspaceId(), name.strip())) {
            throw new ServiceApiException(409, "dataset_name_duplicate", "The dataset name already exists. Please modify your dataset name.");
        }
        RetrievalSettings retrieval = body.has("retrieval_model")
                ? DifyRetrievalModel.read(body.get("retrieval_model"), dataset.getRetrievalSettings()) : null;
        Dataset updated = datasets.update(account, datasetId, new DatasetService.DatasetDraft(name,
                DifyRetrievalModel.text(body, "description"), body.has("permission") ? permission(body) : null,
                body.has("partial_member_list") ? memberIds(body) : null, modelId(body), null, retrieval));
        return views.dataset(updated);
    }

    @DeleteMapping("/{datasetId}")
    ResponseEntity<Void> delete(@PathVariable String datasetId) {
        datasets.delete(caller.account(), datasetId);
        return ResponseEntity.noContent().build();
    }

    /** Retrieval ("hit testing"): {@code {query, retrieval_model?}} → {@code {query{content}, records[…]}}. */
    @PostMapping({"/{datasetId}/retrieve", "/{datasetId}/hit-testing"})
    Map<String, Object> retrieve(@PathVariable String datasetId, @RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        String query = DifyRequests.requiredText(body, "query");
        Dataset dataset = datasets.get(account, datasetId);
        RetrievalSettings override = body.hasNonNull("retrieval_model")
                ? DifyRetrievalModel.read(body.get("retrieval_model"), dataset.getRetrievalSettings()) : null;
        return DifyKnowledgeViews.retrieve(hitTesting.test(account, datasetId, query, override));
    }

    /** The retrieval history, newest first: Dify's {@code {data[{id, content, source, …}], has_more, limit, total, page}}. */
    @GetMapping("/{datasetId}/queries")
    Map<String, Object> queries(@PathVariable String datasetId, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int limit) {
        DifyRequests.checkPage(page, limit);
        Page<DatasetQuery> result = history.page(caller.account(), datasetId, page, limit);
        return DifyKnowledgeViews.page(result.getContent().stream().map(DifyKnowledgeViews::query).toList(), page, limit,
                result.getTotalElements());
    }

    private static void checkIndexingTechnique(JsonNode body) {
        String technique = DifyRetrievalModel.text(body, "indexing_technique");
        if (technique != null && !technique.equals("high_quality") && !technique.equals("economy")) {
            throw ServiceApiException.invalid("indexing_technique must be high_quality or economy; got '" + technique + "'");
        }
    }

    private static String permission(JsonNode body) {
        String permission = DifyRetrievalModel.text(body, "permission");
        return permission == null ? "only_me" : permission;
    }

    /** Dify's {@code partial_member_list}: ids, or objects with {@code user_id}. */
    private static List<String> memberIds(JsonNode body) {
        JsonNode list = body.get("partial_member_list");
        if (list == null || !list.isArray()) {
            return null;
        }
        return list.valueStream().map(m -> m.isObject() ? m.path("user_id").asString() : m.asString()).toList();
    }

    /** Weft's model id for Dify's {@code embedding_model} and {@code embedding_model_provider}; null for the default. */
    private String modelId(JsonNode body) {
        String model = DifyRetrievalModel.text(body, "embedding_model");
        String provider = DifyRetrievalModel.text(body, "embedding_model_provider");
        if (model == null || model.isBlank()) {
            return null;
        }
        if (provider == null || provider.isBlank() || provider.equals("weft") || embeddingModels.localIds().contains(model)) {
            return model;
        }
        return "provider:" + provider + "/" + model;
    }
}
