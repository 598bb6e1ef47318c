package dev.weft.api.console;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocumentRepository;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Knowledge bases the caller may use: list, create, read, edit (settings included), delete. */
@RestController
@RequestMapping("/api/datasets")
class DatasetsController {

    /** Create or edit; on edit, fields left out keep their value. */
    record DatasetRequest(String name, String description, String permission, List<String> memberIds,
            String embeddingModel, ChunkSettings chunkSettings, RetrievalSettings retrievalSettings) {

        DatasetService.DatasetDraft draft() {
            return new DatasetService.DatasetDraft(name, description, permission, memberIds, embeddingModel,
                    chunkSettings, retrievalSettings);
        }
    }

    private final DatasetService datasets;
    private final DatasetDocumentRepository documents;
    private final EmbeddingModels embeddingModels;
    private final ConsoleWorkspace caller;

    DatasetsController(DatasetService datasets, DatasetDocumentRepository documents, EmbeddingModels embeddingModels,
            ConsoleWorkspace caller) {
        this.datasets = datasets;
        this.documents = documents;
        this.embeddingModels = embeddingModels;
        this.caller = caller;
    }

    @GetMapping
    JsonNode list() {
        return KnowledgeViews.json(Map.of("data", datasets.listVisible(caller.account()).stream().map(this::view).toList()));
    }

    @PostMapping
    ResponseEntity<JsonNode> create(@RequestBody JsonNode body) {
        Dataset dataset = datasets.create(caller.account(), KnowledgeViews.read(body, DatasetRequest.class).draft());
        return ResponseEntity.status(HttpStatus.CREATED).body(KnowledgeViews.json(view(dataset)));
    }

    /** The embedding models a dataset can choose (the in-process ones; provider models are typed as provider:id/model). */
    @GetMapping("/embedding-models")
    JsonNode embeddingModels() {
        return KnowledgeViews.json(Map.of("data", embeddingModels.localIds(), "default", EmbeddingModels.DEFAULT_ID));
    }

    @GetMapping("/{datasetId}")
    JsonNode get(@PathVariable String datasetId) {
        return KnowledgeViews.json(view(datasets.get(caller.account(), datasetId)));
    }

    @PatchMapping("/{datasetId}")
    JsonNode update(@PathVariable String datasetId, @RequestBody JsonNode body) {
        Dataset dataset = datasets.update(caller.account(), datasetId, KnowledgeViews.read(body, DatasetRequest.class).draft());
        return KnowledgeViews.json(view(dataset));
    }

    @DeleteMapping("/{datasetId}")
    ResponseEntity<Void> delete(@PathVariable String datasetId) {
        datasets.delete(caller.account(), datasetId);
        return ResponseEntity.noContent().build();
    }

    private KnowledgeViews.DatasetView view(Dataset d) {
        return KnowledgeViews.DatasetView.of(d, datasets.memberIds(d.getId()), documents.countByDatasetId(d.getId()));
    }
}
