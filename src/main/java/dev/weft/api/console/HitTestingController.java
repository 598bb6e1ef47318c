package dev.weft.api.console;

import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.dataset.DatasetQueryHistory;
import dev.weft.knowledge.dataset.HitTestingService;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Retrieval testing: {@code POST …/hit-testing} with {@code {query, retrieval_settings?}} → {@code {query,
 * records[{segment, document, child_chunks, score}]}}; {@code GET …/hit-testing/records} (also Dify's
 * {@code GET …/queries}) pages the dataset's retrieval history, newest first: {@code {data, page, limit, total,
 * has_more}}.
 */
@RestController
@RequestMapping("/api/datasets/{datasetId}")
class HitTestingController {

    record HitTestingRequest(String query, RetrievalSettings retrievalSettings) {}

    private final HitTestingService hitTesting;
    private final DatasetQueryHistory history;
    private final ConsoleWorkspace caller;

    HitTestingController(HitTestingService hitTesting, DatasetQueryHistory history, ConsoleWorkspace caller) {
        this.hitTesting = hitTesting;
        this.history = history;
        this.caller = caller;
    }

    @PostMapping("/hit-testing")
    JsonNode test(@PathVariable String datasetId, @RequestBody JsonNode body) {
        HitTestingRequest request = KnowledgeViews.read(body, HitTestingRequest.class);
        return KnowledgeViews.json(KnowledgeViews.HitTestingView.of(
                hitTesting.test(caller.account(), datasetId, request.query(), request.retrievalSettings())));
    }

    @GetMapping({"/hit-testing/records", "/queries"})
    JsonNode records(@PathVariable String datasetId, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int limit) {
        Page<DatasetQuery> result = history.page(caller.account(), datasetId, page, limit);
        return KnowledgeViews.json(Map.of(
                "data", result.getContent().stream().map(KnowledgeViews.QueryRecordView::of).toList(),
                "page", page, "limit", limit, "total", result.getTotalElements(), "has_more", result.hasNext()));
    }
}
