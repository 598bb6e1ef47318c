package dev.weft.api.console;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.dataset.ChunkPreviewService;
import dev.weft.knowledge.dataset.KnowledgeJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * Chunk preview before indexing: JSON {@code {text | document_id, chunk_settings?}}, or multipart {@code file} with an
 * optional {@code chunk_settings} JSON field. Answers {@code {total, total_tokens, chunks[{position, content, tokens,
 * children}]}} with at most 50 chunks.
 */
@RestController
@RequestMapping("/api/datasets/{datasetId}/chunk-preview")
class ChunkPreviewController {

    record PreviewRequest(String text, String documentId, ChunkSettings chunkSettings) {}

    private final ChunkPreviewService previews;
    private final ConsoleWorkspace caller;

    ChunkPreviewController(ChunkPreviewService previews, ConsoleWorkspace caller) {
        this.previews = previews;
        this.caller = caller;
    }

    @PostMapping(consumes = "application/json")
    JsonNode preview(@PathVariable String datasetId, @RequestBody JsonNode body) {
        PreviewRequest request = KnowledgeViews.read(body, PreviewRequest.class);
        ChunkPreviewService.Preview preview = request.documentId() != null
                ? previews.ofDocument(caller.account(), datasetId, request.documentId(), request.chunkSettings())
                : previews.ofText(caller.account(), datasetId, request.text(), request.chunkSettings());
        return KnowledgeViews.json(preview);
    }

    @PostMapping(consumes = "multipart/form-data")
    JsonNode previewFile(@PathVariable String datasetId, @RequestParam("file") MultipartFile file,
            @RequestParam(name = "chunk_settings", required = false) String settingsJson) {
        ChunkSettings settings = KnowledgeJson.read(settingsJson, ChunkSettings.class, null);
        try {
            return KnowledgeViews.json(previews.ofFile(caller.account(), datasetId, file.getOriginalFilename(),
                    file.getInputStream(), settings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
