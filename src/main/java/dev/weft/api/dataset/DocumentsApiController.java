package dev.weft.api.dataset;

import dev.weft.api.service.ServiceApiException;
import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetDocumentRepository;
import dev.weft.knowledge.dataset.DatasetNotFoundException;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentService;
import dev.weft.knowledge.dataset.DocumentSourceType;
import dev.weft.knowledge.extract.UploadValidator;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.security.Account;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A knowledge base's documents, as Dify's Knowledge API: create by text or file (both spellings,
 * {@code create-by-text} and {@code create_by_text}), list, read, delete, update by text or file, indexing status
 * and the status actions (enable, disable, archive, un_archive). Each create or update makes one document, so its
 * {@code batch} is the document's id. The first document of an empty knowledge base may set its chunk settings
 * ({@code process_rule}, {@code doc_form}) and retrieval settings; later ones are split like the rest, since Weft
 * keeps one chunk setting per knowledge base.
 */
@RestController
@RequestMapping("/v1/datasets/{datasetId}")
class DocumentsApiController {

    /** Dify's document file types (its default ETL and Unstructured's). */
    static final Set<String> FILE_TYPES = Set.of("txt", "md", "markdown", "mdx", "pdf", "html", "htm", "xlsx", "xls",
            "docx", "csv", "vtt", "properties", "doc", "msg", "eml", "ppt", "pptx", "xml", "epub", "json", "odt", "rtf");

    private final DatasetService datasets;
    private final DocumentService documents;
    private final DatasetDocumentRepository documentRows;
    private final UploadValidator uploads;
    private final DifyKnowledgeViews views;
    private final DatasetApiCaller caller;

    DocumentsApiController(DatasetService datasets, DocumentService documents, DatasetDocumentRepository documentRows,
            UploadValidator uploads, DifyKnowledgeViews views, DatasetApiCaller caller) {
        this.datasets = datasets;
        this.documents = documents;
        this.documentRows = documentRows;
        this.uploads = uploads;
        this.views = views;
        this.caller = caller;
    }

    @PostMapping(path = {"/document/create-by-text", "/document/create_by_text"})
    Map<String, Object> createByText(@PathVariable String datasetId, @RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        String name = DifyRequests.requiredText(body, "name");
        String text = DifyRequests.requiredText(body, "text");
        Dataset dataset = settle(account, datasetId, body);
        return created(documents.addText(account, datasetId, name, text, false), dataset);
    }

    /** Multipart: {@code file}, and {@code data} (a JSON string with {@code process_rule}, {@code doc_form}, …). */
    @PostMapping(path = {"/document/create-by-file", "/document/create_by_file"}, consumes = "multipart/form-data")
    Map<String, Object> createByFile(@PathVariable String datasetId, @RequestPart("file") MultipartFile file,
            @RequestParam(name = "data", required = false) String data) {
        Account account = caller.account();
        JsonNode settings = data(data);
        datasets.get(account, datasetId);
        String name = checkFile(file);
        Dataset dataset = settle(account, datasetId, settings);
        List<DocumentService.AddResult> results = documents.addFiles(account, datasetId,
                List.of(new DocumentService.NewFile(name, file.getContentType(), open(file))));
        DocumentService.AddResult result = results.getFirst();
        if (!result.accepted()) {
            throw ServiceApiException.invalid("file: " + result.error());
        }
        return created(result.document(), dataset);
    }

    @GetMapping("/documents")
    Map<String, Object> list(@PathVariable String datasetId, @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String keyword,
            @RequestParam(required = false) String status) {
        DifyRequests.checkPage(page, limit);
        Account account = caller.account();
        Dataset dataset = datasets.get(account, datasetId);
        String form = DifyKnowledgeViews.docForm(dataset.getChunkSettings());
        List<DatasetDocument> all = documents.list(account, datasetId).stream()
                .filter(d -> keyword == null || keyword.isBlank()
                        || d.getName().toLowerCase(Locale.ROOT).contains(keyword.strip().toLowerCase(Locale.ROOT)))
                .filter(d -> status == null || status.isBlank() || status.equals(d.displayStatus()))
                .toList();
        List<Map<String, Object>> data = DifyRequests.slice(all, page, limit).stream()
                .map(d -> views.document(d, form)).toList();
        return DifyKnowledgeViews.page(data, page, limit, all.size());
    }

    @GetMapping("/documents/{documentId}")
    Map<String, Object> get(@PathVariable String datasetId, @PathVariable String documentId) {
        Account account = caller.account();
        Dataset dataset = datasets.get(account, datasetId);
        DatasetDocument doc = documents.get(account, datasetId, documentId);
        Map<String, Object> view = views.document(doc, DifyKnowledgeViews.docForm(dataset.getChunkSettings()));
        view.put("dataset_id", doc.getDatasetId());
        view.put("completed_at", DifyKnowledgeViews.secondsOrNull(doc.getCompletedAt()));
        view.put("updated_at", DifyKnowledgeViews.seconds(doc.getUpdatedAt()));
        view.put("segment_count", doc.getChunksTotal());
        view.put("average_segment_length", doc.getChunksTotal() == 0 ? 0 : doc.getWordCount() / doc.getChunksTotal());
        return view;
    }

    @DeleteMapping("/documents/{documentId}")
    ResponseEntity<Void> delete(@PathVariable String datasetId, @PathVariable String documentId) {
        documents.delete(caller.account(), datasetId, documentId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = {"/documents/{documentId}/update-by-text", "/documents/{documentId}/update_by_text"})
    Map<String, Object> updateByText(@PathVariable String datasetId, @PathVariable String documentId,
            @RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        DatasetDocument doc = mutable(account, datasetId, documentId);
        String name = DifyRetrievalModel.text(body, "name");
        String text = DifyRetrievalModel.text(body, "text");
        if (body.has("text") && (text == null || text.isBlank())) {
            throw ServiceApiException.invalid("text must not be empty; delete the document instead");
        }
        Dataset dataset = settle(account, datasetId, body);
        if (text != null) {
            doc = documents.replaceContent(account, datasetId, documentId, name, DocumentSourceType.TEXT, "text/markdown",
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } else if (name != null && !name.isBlank()) {
            doc = documents.rename(account, datasetId, documentId, name);
        }
        return created(doc, dataset);
    }

    @PostMapping(path = {"/documents/{documentId}/update-by-file", "/documents/{documentId}/update_by_file"},
            consumes = "multipart/form-data")
    Map<String, Object> updateByFile(@PathVariable String datasetId, @PathVariable String documentId,
            @RequestPart("file") MultipartFile file, @RequestParam(name = "data", required = false) String data) {
        Account account = caller.account();
        JsonNode settings = data(data);
        mutable(account, datasetId, documentId);
        String name = checkFile(file);
        Dataset dataset = settle(account, datasetId, settings);
        DatasetDocument doc = documents.replaceContent(account, datasetId, documentId, name, DocumentSourceType.UPLOAD_FILE,
                file.getContentType(), open(file));
        return created(doc, dataset);
    }

    /** {@code batch} is the id a create or update returned (its document's id). */
    @GetMapping("/documents/{batch}/indexing-status")
    Map<String, Object> indexingStatus(@PathVariable String datasetId, @PathVariable String batch) {
        DatasetDocument doc;
        try {
            doc = documents.get(caller.account(), datasetId, batch);
        } catch (DatasetNotFoundException e) {
            Dataset dataset = datasets.get(caller.account(), datasetId);
            throw new DatasetNotFoundException("no documents in batch '" + batch + "' of knowledge base '"
                    + dataset.getId() + "'");
        }
        return Map.of("data", List.of(DifyKnowledgeViews.indexingStatus(doc)));
    }

    /** {@code PATCH …/documents/status/{enable|disable|archive|un_archive}} with {@code {document_ids: […]}}. */
    @PatchMapping("/documents/status/{action}")
    Map<String, Object> status(@PathVariable String datasetId, @PathVariable String action, @RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        if (!Set.of("enable", "disable", "archive", "un_archive").contains(action)) {
            throw ServiceApiException.invalid("action must be enable, disable, archive or un_archive; got '" + action + "'");
        }
        JsonNode ids = body.get("document_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw ServiceApiException.invalid("document_ids is required: a non-empty list of document ids");
        }
        List<String> documentIds = new ArrayList<>();
        ids.forEach(id -> documentIds.add(id.asString()));
        for (String id : documentIds) {
            documents.get(account, datasetId, id); // every id first, so an unknown one changes nothing
        }
        for (String id : documentIds) {
            switch (action) {
                case "enable" -> documents.setEnabled(account, datasetId, id, true);
                case "disable" -> documents.setEnabled(account, datasetId, id, false);
                case "archive" -> documents.setArchived(account, datasetId, id, true);
                default -> documents.setArchived(account, datasetId, id, false);
            }
        }
        return Map.of("result", "success");
    }

    /**
     * The knowledge base after applying the request's chunk and retrieval settings: they are taken while it has no
     * document; later a {@code custom} rule that differs from its settings is refused.
     */
    private Dataset settle(Account account, String datasetId, JsonNode body) {
        Dataset dataset = datasets.get(account, datasetId);
        ChunkSettings chunking = DifyProcessRule.read(body);
        RetrievalSettings retrieval = body.hasNonNull("retrieval_model")
                ? DifyRetrievalModel.read(body.get("retrieval_model"), dataset.getRetrievalSettings()) : null;
        String technique = DifyRetrievalModel.text(body, "indexing_technique");
        if (technique != null && !technique.equals("high_quality") && !technique.equals("economy")) {
            throw ServiceApiException.invalid("indexing_technique must be high_quality or economy; got '" + technique + "'");
        }
        boolean empty = documentRows.countByDatasetId(dataset.getId()) == 0;
        if (chunking != null && !chunking.equals(dataset.getChunkSettings())) {
            if (!empty) {
                throw ServiceApiException.invalid("process_rule: this knowledge base already has documents and splits every "
                        + "document with its own settings; send mode automatic, or change its settings in the console "
                        + "(every document is then indexed again)");
            }
        } else {
            chunking = null;
        }
        if (chunking != null || (retrieval != null && empty)) {
            dataset = datasets.update(account, datasetId, new DatasetService.DatasetDraft(null, null, null, null, null,
                    chunking, empty ? retrieval : null));
        }
        return dataset;
    }

    private Map<String, Object> created(DatasetDocument doc, Dataset dataset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("document", views.document(doc, DifyKnowledgeViews.docForm(dataset.getChunkSettings())));
        m.put("batch", doc.getId());
        return m;
    }

    private DatasetDocument mutable(Account account, String datasetId, String documentId) {
        DatasetDocument doc = documents.get(account, datasetId, documentId);
        if (doc.isArchived()) {
            throw new ServiceApiException(403, "archived_document_immutable",
                    "The archived document is not editable; un-archive it first.");
        }
        return doc;
    }

    /** The file's name after the checks of every upload: type (415), size (413), emptiness. */
    private String checkFile(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().strip();
        if (name.isEmpty()) {
            throw new ServiceApiException(400, "filename_not_exists_error", "The specified filename does not exist.");
        }
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (!FILE_TYPES.contains(extension)) {
            throw new ServiceApiException(415, "unsupported_file_type", "File type not allowed: " + name
                    + " is not one of " + FILE_TYPES.stream().sorted().toList());
        }
        uploads.checkFile(name, file.getSize()).ifPresent(problem -> {
            throw file.getSize() == 0 ? ServiceApiException.invalid("file: " + problem)
                    : new ServiceApiException(413, "file_too_large", problem);
        });
        return name;
    }

    private static JsonNode data(String data) {
        if (data == null || data.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = dev.weft.knowledge.dataset.KnowledgeJson.MAPPER.readTree(data);
        } catch (RuntimeException e) {
            throw ServiceApiException.invalid("data must be a JSON object in a string: " + e.getMessage());
        }
        DifyRequests.requireObject(node);
        return node;
    }

    private static InputStream open(MultipartFile file) {
        try {
            return file.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the upload of " + file.getOriginalFilename(), e);
        }
    }
}
