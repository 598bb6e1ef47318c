package dev.weft.api.dataset;

import dev.weft.api.service.EndUserIds;
import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.dataset.ChunkService;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetDocumentRepository;
import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.dataset.DatasetService;
import dev.weft.knowledge.dataset.DocumentChunk;
import dev.weft.knowledge.dataset.DocumentChunkRepository;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.dataset.HitTestingService;
import dev.weft.knowledge.dataset.MetadataField;
import dev.weft.knowledge.dataset.MetadataFieldRepository;
import dev.weft.knowledge.embed.EmbeddingModels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The Knowledge API's JSON in Dify's shapes (dataset, document, segment, indexing status, retrieve record), times as
 * unix seconds. Weft's statuses are Dify's own ({@link DocumentStatus}); text documents are {@code upload_file} as in
 * Dify, which stores pasted text as a file; a chunk's {@code index_node_id} is its id in the Lucene index.
 */
@Component
class DifyKnowledgeViews {

    private final DatasetService datasets;
    private final DatasetDocumentRepository documents;
    private final DocumentChunkRepository chunks;
    private final MetadataFieldRepository fields;

    DifyKnowledgeViews(DatasetService datasets, DatasetDocumentRepository documents, DocumentChunkRepository chunks,
            MetadataFieldRepository fields) {
        this.datasets = datasets;
        this.documents = documents;
        this.chunks = chunks;
        this.fields = fields;
    }

    static String docForm(ChunkSettings settings) {
        return settings.mode() == ChunkSettings.Mode.PARENT_CHILD ? "hierarchical_model" : "text_model";
    }

    /** Dify's {@code embedding_model_provider} and {@code embedding_model} of a Weft model id. */
    static String[] embeddingModel(String modelId) {
        if (modelId != null && modelId.startsWith("provider:") && modelId.indexOf('/') > 0) {
            int slash = modelId.indexOf('/');
            return new String[] {modelId.substring("provider:".length(), slash), modelId.substring(slash + 1)};
        }
        return new String[] {"weft", modelId == null ? EmbeddingModels.DEFAULT_ID : modelId};
    }

    Map<String, Object> dataset(Dataset d) {
        long documentCount = documents.countByDatasetId(d.getId());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.getId());
        m.put("name", d.getName());
        m.put("description", d.getDescription());
        m.put("provider", "vendor");
        m.put("permission", d.getPermission().value());
        m.put("data_source_type", documentCount == 0 ? null : "upload_file");
        m.put("indexing_technique", "high_quality");
        m.put("app_count", 0);
        m.put("document_count", documentCount);
        m.put("word_count", documents.wordCount(d.getId()));
        m.put("created_by", d.getCreatedBy());
        m.put("created_at", seconds(d.getCreatedAt()));
        m.put("updated_by", d.getCreatedBy());
        m.put("updated_at", seconds(d.getUpdatedAt()));
        String[] model = embeddingModel(d.getEmbeddingModel());
        m.put("embedding_model", model[1]);
        m.put("embedding_model_provider", model[0]);
        m.put("embedding_available", true);
        m.put("retrieval_model_dict", DifyRetrievalModel.write(d.getRetrievalSettings()));
        m.put("tags", List.of());
        m.put("doc_form", docForm(d.getChunkSettings()));
        Map<String, Object> external = new LinkedHashMap<>();
        external.put("external_knowledge_id", null);
        external.put("external_knowledge_api_id", null);
        external.put("external_knowledge_api_name", null);
        external.put("external_knowledge_api_endpoint", null);
        m.put("external_knowledge_info", external);
        m.put("external_retrieval_model", null);
        m.put("doc_metadata", fields.findByDatasetIdOrderByCreatedAtAsc(d.getId()).stream().map(DifyKnowledgeViews::field).toList());
        m.put("built_in_field_enabled", false);
        m.put("partial_member_list", datasets.memberIds(d.getId()));
        m.put("enable_api", true);
        m.put("total_documents", documentCount);
        m.put("total_available_documents", documents.findByDatasetIdOrderByPositionAsc(d.getId()).stream()
                .filter(doc -> doc.getStatus() == DocumentStatus.COMPLETED && doc.isSearchable()).count());
        return m;
    }

    static Map<String, Object> field(MetadataField f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.getId());
        m.put("name", f.getName());
        m.put("type", f.getType());
        return m;
    }

    /** Dify's document object; {@code doc_metadata} lists the dataset's fields that the document has a value for. */
    Map<String, Object> document(DatasetDocument d, String docForm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.getId());
        m.put("position", d.getPosition());
        m.put("data_source_type", dataSourceType(d));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("upload_file_id", d.getId());
        if (d.getSourceUrl() != null) {
            info.put("url", d.getSourceUrl());
        }
        m.put("data_source_info", info);
        m.put("dataset_process_rule_id", null);
        m.put("name", d.getName());
        m.put("created_by", d.getCreatedBy());
        m.put("created_at", seconds(d.getCreatedAt()));
        m.put("tokens", d.getTokenCount());
        m.put("indexing_status", d.getStatus().value());
        m.put("error", d.getError());
        m.put("enabled", d.isEnabled());
        m.put("disabled_at", d.isEnabled() ? null : seconds(d.getUpdatedAt()));
        m.put("disabled_by", null);
        m.put("archived", d.isArchived());
        m.put("display_status", d.displayStatus());
        m.put("word_count", d.getWordCount());
        m.put("hit_count", chunks.hitCount(d.getId()));
        m.put("doc_form", docForm);
        List<Map<String, Object>> metadata = new ArrayList<>();
        Map<String, String> values = d.getMetadata();
        for (MetadataField f : fields.findByDatasetIdOrderByCreatedAtAsc(d.getDatasetId())) {
            if (values.containsKey(f.getName())) {
                Map<String, Object> v = field(f);
                v.put("value", values.get(f.getName()));
                metadata.add(v);
            }
        }
        m.put("doc_metadata", metadata);
        return m;
    }

    static String dataSourceType(DatasetDocument d) {
        return switch (d.getSourceType()) {
            case WEBSITE -> "website_crawl";
            case UPLOAD_FILE, TEXT -> "upload_file";
        };
    }

    /** One entry of {@code GET …/documents/{batch}/indexing-status}. */
    static Map<String, Object> indexingStatus(DatasetDocument d) {
        Map<String, Object> m = new LinkedHashMap<>();
        DocumentStatus s = d.getStatus();
        m.put("id", d.getId());
        m.put("indexing_status", s.value());
        m.put("processing_started_at", secondsOrNull(d.getStartedAt()));
        Long completed = s == DocumentStatus.COMPLETED ? secondsOrNull(d.getCompletedAt()) : null;
        m.put("parsing_completed_at", completed);
        m.put("cleaning_completed_at", completed);
        m.put("splitting_completed_at", completed);
        m.put("completed_at", completed);
        m.put("paused_at", s == DocumentStatus.PAUSED ? seconds(d.getUpdatedAt()) : null);
        m.put("error", d.getError());
        m.put("stopped_at", s == DocumentStatus.ERROR ? secondsOrNull(d.getCompletedAt()) : null);
        m.put("completed_segments", d.getChunksDone());
        m.put("total_segments", d.getChunksTotal());
        return m;
    }

    /** Dify's segment object; in parent-child mode the children are its {@code child_chunks}. */
    static Map<String, Object> segment(DocumentChunk c, List<DocumentChunk> children) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("position", c.getPosition());
        m.put("document_id", c.getDocumentId());
        m.put("content", c.getContent());
        m.put("sign_content", c.getContent());
        m.put("answer", null);
        m.put("word_count", c.getWordCount());
        m.put("tokens", c.getTokenCount());
        m.put("keywords", List.of());
        m.put("index_node_id", c.getId());
        m.put("index_node_hash", null);
        m.put("hit_count", c.getHitCount());
        m.put("enabled", c.isEnabled());
        m.put("disabled_at", c.isEnabled() ? null : seconds(c.getUpdatedAt()));
        m.put("disabled_by", null);
        boolean indexed = c.isIndexed() && children.stream().allMatch(DocumentChunk::isIndexed);
        m.put("status", indexed ? "completed" : "indexing");
        m.put("created_by", null);
        m.put("created_at", seconds(c.getCreatedAt()));
        m.put("updated_at", seconds(c.getUpdatedAt()));
        m.put("updated_by", null);
        m.put("indexing_at", seconds(c.getCreatedAt()));
        m.put("completed_at", indexed ? seconds(c.getUpdatedAt()) : null);
        m.put("error", null);
        m.put("stopped_at", null);
        m.put("child_chunks", children.stream().map(DifyKnowledgeViews::childChunk).toList());
        return m;
    }

    static Map<String, Object> childChunk(DocumentChunk c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("segment_id", c.getParentId());
        m.put("content", c.getContent());
        m.put("position", c.getPosition());
        m.put("word_count", c.getWordCount());
        m.put("type", "automatic");
        m.put("created_at", seconds(c.getCreatedAt()));
        m.put("updated_at", seconds(c.getUpdatedAt()));
        return m;
    }

    /** {@code POST /datasets/{id}/retrieve}: {@code {query{content}, records[{segment{…, document}, score, …}]}}. */
    static Map<String, Object> retrieve(HitTestingService.Result result) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (HitTestingService.Hit hit : result.hits()) {
            if (hit.chunk() == null) {
                continue; // deleted between the search and this read
            }
            Map<String, Object> segment = segment(hit.chunk(), List.of());
            segment.remove("child_chunks");
            Map<String, Object> doc = new LinkedHashMap<>();
            if (hit.document() != null) {
                doc.put("id", hit.document().getId());
                doc.put("data_source_type", dataSourceType(hit.document()));
                doc.put("name", hit.document().getName());
                doc.put("doc_type", null);
                doc.put("doc_metadata", hit.document().getMetadata().isEmpty() ? null : hit.document().getMetadata());
            } else {
                doc.put("id", hit.retrieved().documentId());
                doc.put("data_source_type", "upload_file");
                doc.put("name", hit.retrieved().documentName());
                doc.put("doc_type", null);
                doc.put("doc_metadata", null);
            }
            segment.put("document", doc);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("segment", segment);
            record.put("child_chunks", hit.matchedChild() == null ? List.of() : List.of(childRecord(hit.matchedChild(), hit.score())));
            record.put("score", hit.score());
            record.put("tsne_position", null);
            record.put("files", List.of());
            record.put("summary", null);
            records.add(record);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("query", Map.of("content", result.query()));
        m.put("records", records);
        return m;
    }

    private static Map<String, Object> childRecord(DocumentChunk child, double score) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", child.getId());
        m.put("content", child.getContent());
        m.put("position", child.getPosition());
        m.put("score", score);
        return m;
    }

    /**
     * One record of the retrieval history: Dify's {@code dataset_query_detail_fields} ({@code created_by_role}
     * {@code account} with the account's id for a retrieval test or an app debugged in the console; {@code end_user}
     * with the end user's id, the one the Service API's end-user endpoint gives, for an app's search), with Weft's
     * {@code hit_count}, {@code elapsed_ms} and the {@code retrieval_model} it ran with.
     */
    static Map<String, Object> query(DatasetQuery q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.getId());
        m.put("content", q.getContent());
        m.put("source", q.getSource().value());
        m.put("source_app_id", q.getSourceAppId());
        m.put("created_by_role", q.getCreatedByRole());
        m.put("created_by", DatasetQuery.END_USER.equals(q.getCreatedByRole()) && q.getSourceAppId() != null
                ? EndUserIds.idOf(q.getSourceAppId(), q.getCreatedBy()) : q.getCreatedBy());
        m.put("created_at", seconds(q.getCreatedAt()));
        m.put("hit_count", q.getHitCount());
        m.put("elapsed_ms", q.getElapsedMs());
        m.put("retrieval_model", DifyRetrievalModel.write(q.getRetrievalSettings()));
        return m;
    }

    /** Dify's page: {@code {data, has_more, limit, total, page}}. */
    static Map<String, Object> page(List<?> data, int page, int limit, long total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("has_more", (long) page * limit < total);
        m.put("limit", limit);
        m.put("total", total);
        m.put("page", page);
        return m;
    }

    static long seconds(Instant t) {
        return t.getEpochSecond();
    }

    static Long secondsOrNull(Instant t) {
        return t == null ? null : t.getEpochSecond();
    }

    /** For the segments list of a document: each top-level chunk with its children. */
    static List<Map<String, Object>> segments(List<ChunkService.ChunkWithChildren> page) {
        return page.stream().map(c -> segment(c.chunk(), c.children())).toList();
    }
}
