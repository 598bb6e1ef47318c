package dev.weft.knowledge.dataset;

import dev.weft.knowledge.retrieve.RetrievalSettings;
import dev.weft.knowledge.retrieve.RetrievedChunk;
import dev.weft.knowledge.retrieve.Retriever;
import dev.weft.security.Account;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retrieval testing ("hit testing"): runs a query against one dataset with its own or given retrieval settings and
 * returns each hit with its chunk and document, counting the hit on the chunk. Each test is kept in the dataset's
 * retrieval history ({@link DatasetQuery}, source {@code hit_testing}) with the settings it ran with.
 */
@Service
public class HitTestingService {

    public static final int MAX_QUERY_LENGTH = 250;

    private final DatasetService datasets;
    private final Retriever retriever;
    private final DocumentChunkRepository chunks;
    private final DatasetDocumentRepository documents;
    private final DatasetQueryRepository queries;

    public HitTestingService(DatasetService datasets, Retriever retriever, DocumentChunkRepository chunks,
            DatasetDocumentRepository documents, DatasetQueryRepository queries) {
        this.datasets = datasets;
        this.retriever = retriever;
        this.chunks = chunks;
        this.documents = documents;
        this.queries = queries;
    }

    /** One hit: the score, the chunk (the parent in parent-child mode), the matched child if any, and the document. */
    public record Hit(double score, DocumentChunk chunk, DocumentChunk matchedChild, DatasetDocument document,
            RetrievedChunk retrieved) {}

    public record Result(String query, RetrievalSettings settings, List<Hit> hits, long elapsedMillis) {}

    @Transactional
    public Result test(Account viewer, String datasetId, String query, RetrievalSettings override) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("the query is empty; type what a user would ask");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("the query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        Dataset dataset = datasets.get(viewer, datasetId);
        RetrievalSettings settings = override == null ? dataset.getRetrievalSettings() : override;
        long start = System.nanoTime();
        List<RetrievedChunk> found = retriever.retrieve(List.of(dataset.getId()), query.strip(), settings);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        Map<String, DocumentChunk> byId = chunks.findByIdIn(found.stream().map(RetrievedChunk::chunkId).toList())
                .stream().collect(Collectors.toMap(DocumentChunk::getId, Function.identity()));
        List<Hit> hits = found.stream().map(r -> {
            DocumentChunk matched = byId.get(r.chunkId());
            DocumentChunk top = matched;
            DocumentChunk child = null;
            if (matched != null && matched.getKind() == ChunkKind.CHILD) {
                child = matched;
                top = chunks.findById(matched.getParentId()).orElse(matched);
            }
            DatasetDocument doc = documents.findById(r.documentId()).orElse(null);
            return new Hit(r.score(), top, child, doc, r);
        }).toList();
        if (!byId.isEmpty()) {
            chunks.countHits(byId.keySet());
        }
        queries.save(DatasetQuery.hitTesting(dataset.getId(), query.strip(), settings, hits.size(), elapsed, viewer.getId()));
        return new Result(query.strip(), settings, hits, elapsed);
    }
}
