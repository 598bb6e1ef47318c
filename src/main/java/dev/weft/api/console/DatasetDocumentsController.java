package dev.weft.api.console;

import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DocumentService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * A dataset's documents: upload files (each accepted or refused on its own), add text, list with live status
 * and progress, rename, set metadata, enable/disable, pause/resume/retry, delete.
 */
@RestController
@RequestMapping("/api/datasets/{datasetId}/documents")
class DatasetDocumentsController {

    record TextRequest(String name, String text) {}

    record DocumentPatch(String name, Boolean enabled, Map<String, String> metadata) {}

    private final DocumentService documents;
    private final ConsoleWorkspace caller;

    DatasetDocumentsController(DocumentService documents, ConsoleWorkspace caller) {
        this.documents = documents;
        this.caller = caller;
    }

    @GetMapping
    JsonNode list(@PathVariable String datasetId) {
        return KnowledgeViews.json(Map.of("data",
                documents.list(caller.account(), datasetId).stream().map(KnowledgeViews.DocumentView::of).toList()));
    }

    /** Multipart field {@code files} (one or more). 201 when at least one file was accepted, else 400. */
    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<JsonNode> upload(@PathVariable String datasetId, @RequestParam("files") List<MultipartFile> files) {
        List<DocumentService.NewFile> newFiles = new ArrayList<>();
        for (MultipartFile f : files) {
            try {
                newFiles.add(new DocumentService.NewFile(f.getOriginalFilename(), f.getContentType(), f.getInputStream()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the upload of " + f.getOriginalFilename(), e);
            }
        }
        List<Map<String, Object>> results = new ArrayList<>();
        boolean any = false;
        for (DocumentService.AddResult r : documents.addFiles(caller.account(), datasetId, newFiles)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", r.name());
            item.put("document", r.accepted() ? KnowledgeViews.DocumentView.of(r.document()) : null);
            item.put("error", r.error());
            results.add(item);
            any |= r.accepted();
        }
        return ResponseEntity.status(any ? HttpStatus.CREATED : HttpStatus.BAD_REQUEST)
                .body(KnowledgeViews.json(Map.of("data", results)));
    }

    @PostMapping(path = "/text", consumes = "application/json")
    ResponseEntity<JsonNode> addText(@PathVariable String datasetId, @RequestBody JsonNode body) {
        TextRequest request = KnowledgeViews.read(body, TextRequest.class);
        DatasetDocument doc = documents.addText(caller.account(), datasetId, request.name(), request.text());
        return ResponseEntity.status(HttpStatus.CREATED).body(KnowledgeViews.json(KnowledgeViews.DocumentView.of(doc)));
    }

    @GetMapping("/{documentId}")
    JsonNode get(@PathVariable String datasetId, @PathVariable String documentId) {
        return view(documents.get(caller.account(), datasetId, documentId));
    }

    @PatchMapping("/{documentId}")
    JsonNode update(@PathVariable String datasetId, @PathVariable String documentId, @RequestBody JsonNode body) {
        DocumentPatch patch = KnowledgeViews.read(body, DocumentPatch.class);
        DatasetDocument doc = documents.get(caller.account(), datasetId, documentId);
        if (patch.name() != null) {
            doc = documents.rename(caller.account(), datasetId, documentId, patch.name());
        }
        if (patch.metadata() != null) {
            doc = documents.setMetadata(caller.account(), datasetId, documentId, patch.metadata());
        }
        if (patch.enabled() != null) {
            doc = documents.setEnabled(caller.account(), datasetId, documentId, patch.enabled());
        }
        return view(doc);
    }

    @PostMapping("/{documentId}/pause")
    JsonNode pause(@PathVariable String datasetId, @PathVariable String documentId) {
        return view(documents.pause(caller.account(), datasetId, documentId));
    }

    @PostMapping("/{documentId}/resume")
    JsonNode resume(@PathVariable String datasetId, @PathVariable String documentId) {
        return view(documents.resume(caller.account(), datasetId, documentId));
    }

    @PostMapping("/{documentId}/retry")
    JsonNode retry(@PathVariable String datasetId, @PathVariable String documentId) {
        return view(documents.retry(caller.account(), datasetId, documentId));
    }

    @DeleteMapping("/{documentId}")
    ResponseEntity<Void> delete(@PathVariable String datasetId, @PathVariable String documentId) {
        documents.delete(caller.account(), datasetId, documentId);
        return ResponseEntity.noContent().build();
    }

    private static JsonNode view(DatasetDocument doc) {
        return KnowledgeViews.json(KnowledgeViews.DocumentView.of(doc));
    }
}
