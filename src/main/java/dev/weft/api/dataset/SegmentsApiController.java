package dev.weft.api.dataset;

import dev.weft.api.service.ServiceApiException;
import dev.weft.knowledge.dataset.ChunkKind;
import dev.weft.knowledge.dataset.ChunkService;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentChunk;
import dev.weft.knowledge.dataset.DocumentChunkRepository;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.security.Account;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A document's chunks (Dify's segments): add, list (keyword, status, paged), read, update (new content is embedded
 * again; {@code enabled} switches it in or out of retrieval) and delete. {@code answer} and {@code keywords} belong to
 * Q&A and economy knowledge bases, which Weft does not have: they are accepted and not kept.
 */
@RestController
@RequestMapping("/v1/datasets/{datasetId}/documents/{documentId}/segments")
class SegmentsApiController {

    private final DatasetService datasets;
    private final DocumentService documents;
    private final ChunkService chunkService;
    private final DocumentChunkRepository chunks;
    private final DatasetApiCaller caller;

    SegmentsApiController(DatasetService datasets, DocumentService documents, ChunkService chunkService,
            DocumentChunkRepository chunks, DatasetApiCaller caller) {
        this.datasets = datasets;
        this.documents = documents;
        this.chunkService = chunkService;
        this.chunks = chunks;
        this.caller = caller;
    }

    @PostMapping
    Map<String, Object> add(@PathVariable String datasetId, @PathVariable String documentId, @RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        JsonNode segments = body.get("segments");
        if (segments == null || !segments.isArray() || segments.isEmpty()) {
            throw ServiceApiException.invalid("segments is required: a non-empty list of {\"content\": \"…\"}");
        }
        List<String> contents = new ArrayList<>();
        for (JsonNode s : segments) {
            String content = DifyRetrievalModel.text(s, "content");
            if (content == null || content.isBlank()) {
                throw ServiceApiException.invalid("segments[" + contents.size() + "].content is required");
            }
            contents.add(content);
        }
        mutableDocument(account, datasetId, documentId);
        List<DocumentChunk> added = chunkService.add(account, datasetId, documentId, contents);
        return response(added.stream().map(c -> DifyKnowledgeViews.segment(c, chunkService.children(c))).toList(),
                datasets.get(account, datasetId));
    }

    @GetMapping
    Map<String, Object> list(@PathVariable String datasetId, @PathVariable String documentId,
            @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int limit,
            @RequestParam(required = false) String keyword, @RequestParam(required = false) String status) {
        DifyRequests.checkPage(page, limit);
        Account account = caller.account();
        Dataset dataset = datasets.get(account, datasetId);
        DatasetDocument doc = documents.get(account, datasetId, documentId);
        List<DocumentChunk> rows = chunks.findByDocumentIdOrderByKindAscPositionAsc(doc.getId());
        Map<String, List<DocumentChunk>> children = rows.stream().filter(c -> c.getKind() == ChunkKind.CHILD)
                .collect(Collectors.groupingBy(DocumentChunk::getParentId));
        String needle = keyword == null || keyword.isBlank() ? null : keyword.strip().toLowerCase(Locale.ROOT);
        List<DocumentChunk> top = rows.stream()
                .filter(c -> c.getKind() != ChunkKind.CHILD)
                .filter(c -> needle == null || c.getContent().toLowerCase(Locale.ROOT).contains(needle))
                .filter(c -> status == null || status.isBlank() || status.equals(c.isIndexed() ? "completed" : "indexing"))
                .sorted(Comparator.comparingInt(DocumentChunk::getPosition))
                .toList();
        List<Map<String, Object>> data = DifyRequests.slice(top, page, limit).stream()
                .map(c -> DifyKnowledgeViews.segment(c, children.getOrDefault(c.getId(), List.of())))
                .toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("doc_form", DifyKnowledgeViews.docForm(dataset.getChunkSettings()));
        m.putAll(DifyKnowledgeViews.page(data, page, limit, top.size()));
        return m;
    }

    @GetMapping("/{segmentId}")
    Map<String, Object> get(@PathVariable String datasetId, @PathVariable String documentId, @PathVariable String segmentId) {
        Account account = caller.account();
        DocumentChunk chunk = chunkService.get(account, datasetId, documentId, segmentId);
        return response(DifyKnowledgeViews.segment(chunk, chunkService.children(chunk)), datasets.get(account, datasetId));
    }

    /** {@code {segment: {content?, answer?, keywords?, enabled?}}}. */
    @PostMapping("/{segmentId}")
    Map<String, Object> update(@PathVariable String datasetId, @PathVariable String documentId,
            @PathVariable String segmentId, @RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        JsonNode segment = body.get("segment");
        if (segment == null || !segment.isObject()) {
            throw ServiceApiException.invalid("segment is required: {\"content\": \"…\", \"enabled\": true}");
        }
        mutableDocument(account, datasetId, documentId);
        DocumentChunk chunk = chunkService.get(account, datasetId, documentId, segmentId);
        if (segment.has("content")) {
            String content = DifyRetrievalModel.text(segment, "content");
            if (content == null || content.isBlank()) {
                throw ServiceApiException.invalid("segment.content must not be empty; disable or delete the segment instead");
            }
            if (!content.strip().equals(chunk.getContent())) {
                chunk = chunkService.edit(account, datasetId, documentId, segmentId, content);
            }
        }
        if (segment.hasNonNull("enabled")) {
            if (!segment.get("enabled").isBoolean()) {
                throw ServiceApiException.invalid("segment.enabled must be true or false");
            }
            boolean enabled = segment.get("enabled").asBoolean();
            if (enabled != chunk.isEnabled()) {
                chunk = chunkService.setEnabled(account, datasetId, documentId, segmentId, enabled);
            }
        }
        return response(DifyKnowledgeViews.segment(chunk, chunkService.children(chunk)), datasets.get(account, datasetId));
    }

    @DeleteMapping("/{segmentId}")
    ResponseEntity<Void> delete(@PathVariable String datasetId, @PathVariable String documentId,
            @PathVariable String segmentId) {
        Account account = caller.account();
        mutableDocument(account, datasetId, documentId);
        chunkService.delete(account, datasetId, documentId, segmentId);
        return ResponseEntity.noContent().build();
    }

    private void mutableDocument(Account account, String datasetId, String documentId) {
        if (documents.get(account, datasetId, documentId).isArchived()) {
            throw new ServiceApiException(403, "archived_document_immutable",
                    "The archived document is not editable; un-archive it first.");
        }
    }

    private static Map<String, Object> response(Object data, Dataset dataset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("doc_form", DifyKnowledgeViews.docForm(dataset.getChunkSettings()));
        return m;
    }
}
