package dev.weft.api.console;

import dev.weft.knowledge.dataset.ChunkService;
import dev.weft.knowledge.dataset.DocumentChunk;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The chunk browser: a document's chunks page by page; edit (re-embedded) or enable/disable one. */
@RestController
@RequestMapping("/api/datasets/{datasetId}/documents/{documentId}/chunks")
class DocumentChunksController {

    record ChunkPatch(String content, Boolean enabled) {}

    private final ChunkService chunks;
    private final ConsoleWorkspace caller;

    DocumentChunksController(ChunkService chunks, ConsoleWorkspace caller) {
        this.chunks = chunks;
        this.caller = caller;
    }

    @GetMapping
    JsonNode list(@PathVariable String datasetId, @PathVariable String documentId,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int limit) {
        Page<ChunkService.ChunkWithChildren> result = chunks.list(caller.account(), datasetId, documentId, page - 1, limit);
        return KnowledgeViews.json(Map.of(
                "data", result.getContent().stream().map(c -> KnowledgeViews.ChunkView.of(c.chunk(), c.children())).toList(),
                "page", page, "limit", limit, "total", result.getTotalElements(), "has_more", result.hasNext()));
    }

    @PatchMapping("/{chunkId}")
    JsonNode update(@PathVariable String datasetId, @PathVariable String documentId, @PathVariable String chunkId,
            @RequestBody JsonNode body) {
        ChunkPatch patch = KnowledgeViews.read(body, ChunkPatch.class);
        DocumentChunk chunk = null;
        if (patch.content() != null) {
            chunk = chunks.edit(caller.account(), datasetId, documentId, chunkId, patch.content());
        }
        if (patch.enabled() != null) {
            chunk = chunks.setEnabled(caller.account(), datasetId, documentId, chunkId, patch.enabled());
        }
        if (chunk == null) {
            throw new IllegalArgumentException("nothing to change: give content or enabled");
        }
        return KnowledgeViews.json(KnowledgeViews.ChunkView.of(chunk, List.of()));
    }
}
