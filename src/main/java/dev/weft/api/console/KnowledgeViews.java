package dev.weft.api.console;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DatasetQuery;
import dev.weft.knowledge.dataset.DocumentChunk;
import dev.weft.knowledge.dataset.HitTestingService;
import dev.weft.knowledge.dataset.KnowledgeJson;
import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.knowledge.web.CrawlOptions;
import dev.weft.knowledge.web.CrawlSummary;
import dev.weft.knowledge.webimport.WebImport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The knowledge API's JSON: snake_case throughout (settings included), times as unix seconds, Dify's field names
 * where Dify has them ({@code indexing_status}, {@code display_status}, {@code completed_segments}...).
 */
final class KnowledgeViews {

    private KnowledgeViews() {}

    static JsonNode json(Object value) {
        return KnowledgeJson.MAPPER.valueToTree(value);
    }

    static <T> T read(JsonNode body, Class<T> type) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new IllegalArgumentException("the request body is required");
        }
        return KnowledgeJson.MAPPER.treeToValue(body, type);
    }

    record DatasetView(String id, String name, String description, String permission, List<String> memberIds,
            String embeddingModel, ChunkSettings chunkSettings, RetrievalSettings retrievalSettings,
            long documentCount, String createdBy, long createdAt, long updatedAt) {

        static DatasetView of(Dataset d, List<String> members, long documentCount) {
            return new DatasetView(d.getId(), d.getName(), d.getDescription(), d.getPermission().value(), members,
                    d.getEmbeddingModel(), d.getChunkSettings(), d.getRetrievalSettings(), documentCount,
                    d.getCreatedBy(), seconds(d.getCreatedAt()), seconds(d.getUpdatedAt()));
        }
    }

    record DocumentView(String id, int position, String name, String dataSourceType, String url, String contentType,
            long size, String indexingStatus, String displayStatus, String error, boolean enabled, int wordCount,
            int tokens, int completedSegments, int totalSegments, int progress, Map<String, String> metadata,
            long createdAt, Long startedAt, Long completedAt) {

        static DocumentView of(DatasetDocument d) {
            int progress = switch (d.getStatus()) {
                case COMPLETED -> 100;
                case INDEXING -> d.getChunksTotal() == 0 ? 0 : (int) (100L * d.getChunksDone() / d.getChunksTotal());
                default -> 0;
            };
            return new DocumentView(d.getId(), d.getPosition(), d.getName(), d.getSourceType().value(), d.getSourceUrl(),
                    d.getContentType(), d.getSizeBytes(), d.getStatus().value(), d.displayStatus(), d.getError(),
                    d.isEnabled(), d.getWordCount(), d.getTokenCount(), d.getChunksDone(), d.getChunksTotal(), progress,
                    d.getMetadata(), seconds(d.getCreatedAt()), secondsOrNull(d.getStartedAt()),
                    secondsOrNull(d.getCompletedAt()));
        }
    }

    record ChunkView(String id, String documentId, String kind, int position, String content, int tokens,
            int wordCount, boolean enabled, boolean indexed, int hitCount, List<ChunkView> childChunks, long createdAt,
            long updatedAt) {

        static ChunkView of(DocumentChunk c, List<DocumentChunk> children) {
            return new ChunkView(c.getId(), c.getDocumentId(), c.getKind().name().toLowerCase(), c.getPosition(),
                    c.getContent(), c.getTokenCount(), c.getWordCount(), c.isEnabled(), c.isIndexed(), c.getHitCount(),
                    children.stream().map(ch -> of(ch, List.of())).toList(), seconds(c.getCreatedAt()),
                    seconds(c.getUpdatedAt()));
        }
    }

    /** Dify's hit testing record: {@code segment} (with its {@code document}), {@code child_chunks}, {@code score}. */
    record HitView(ChunkView segment, DocumentRef document, List<ChunkView> childChunks, double score) {

        record DocumentRef(String id, String name, String dataSourceType) {}

        static HitView of(HitTestingService.Hit hit) {
            ChunkView segment = hit.chunk() == null ? null : ChunkView.of(hit.chunk(), List.of());
            DocumentRef doc = hit.document() == null
                    ? new DocumentRef(hit.retrieved().documentId(), hit.retrieved().documentName(), null)
                    : new DocumentRef(hit.document().getId(), hit.document().getName(), hit.document().getSourceType().value());
            List<ChunkView> children = hit.matchedChild() == null ? List.of() : List.of(ChunkView.of(hit.matchedChild(), List.of()));
            return new HitView(segment, doc, children, hit.score());
        }
    }

    record HitTestingView(Map<String, String> query, RetrievalSettings retrievalSettings, List<HitView> records,
            long elapsedMs) {

        static HitTestingView of(HitTestingService.Result r) {
            return new HitTestingView(Map.of("content", r.query()), r.settings(),
                    r.hits().stream().map(HitView::of).toList(), r.elapsedMillis());
        }
    }

    /** One search in a dataset's retrieval history: a retrieval test or an app's knowledge retrieval node. */
    record QueryRecordView(String id, String content, String source, String sourceAppId, String sourceRunId,
            String createdBy, String createdByRole, long createdAt, RetrievalSettings retrievalSettings, int hitCount,
            long elapsedMs) {

        static QueryRecordView of(DatasetQuery q) {
            return new QueryRecordView(q.getId(), q.getContent(), q.getSource().value(), q.getSourceAppId(),
                    q.getSourceRunId(), q.getCreatedBy(), q.getCreatedByRole(), seconds(q.getCreatedAt()),
                    q.getRetrievalSettings(), q.getHitCount(), q.getElapsedMs());
        }
    }

    /** A web import: its status (running, completed, error, interrupted), page counts, summary and error. */
    record WebImportView(String id, String datasetId, CrawlOptions options, String status, int pagesAdded,
            int pagesFailed, int pagesSkipped, CrawlSummary summary, String error, String createdBy, long startedAt,
            long updatedAt, Long finishedAt) {

        static WebImportView of(WebImport w) {
            return new WebImportView(w.getId(), w.getDatasetId(), w.getOptions(), w.getStatus().value(),
                    w.getCounts().added(), w.getCounts().failed(), w.getCounts().skipped(), w.getSummary(), w.getError(),
                    w.getCreatedBy(), seconds(w.getStartedAt()), seconds(w.getUpdatedAt()),
                    secondsOrNull(w.getFinishedAt()));
        }
    }

    static long seconds(Instant t) {
        return t.getEpochSecond();
    }

    static Long secondsOrNull(Instant t) {
        return t == null ? null : t.getEpochSecond();
    }
}
