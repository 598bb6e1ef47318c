package dev.weft.api.console;

import dev.weft.knowledge.dataset.HitTestingService;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Retrieval testing: {@code {query, retrieval_settings?}} → {@code {query, records[{segment, document, child_chunks, score}]}}. */
@RestController
@RequestMapping("/api/datasets/{datasetId}/hit-testing")
class HitTestingController {

    record HitTestingRequest(String query, RetrievalSettings retrievalSettings) {}

    private final HitTestingService hitTesting;
    private final ConsoleWorkspace caller;

    HitTestingController(HitTestingService hitTesting, ConsoleWorkspace caller) {
        this.hitTesting = hitTesting;
        this.caller = caller;
    }

    @PostMapping
    JsonNode test(@PathVariable String datasetId, @RequestBody JsonNode body) {
        HitTestingRequest request = KnowledgeViews.read(body, HitTestingRequest.class);
        return KnowledgeViews.json(KnowledgeViews.HitTestingView.of(
                hitTesting.test(caller.account(), datasetId, request.query(), request.retrievalSettings())));
    }
}
