package dev.weft.knowledge.dataset;

import dev.weft.knowledge.chunk.TextChunk;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The database side of indexing a document, each step its own short transaction, so that what the database says
 * is always what has happened: the status, the stored chunks, and which chunks a Lucene commit holds.
 */
@Component
@Transactional
public class IndexingSteps {

    private static final List<ChunkKind> EMBEDDED = List.of(ChunkKind.CHUNK, ChunkKind.CHILD);
    private static final List<DocumentStatus> IN_QUEUE = List.of(DocumentStatus.WAITING, DocumentStatus.PARSING,
            DocumentStatus.CLEANING, DocumentStatus.SPLITTING, DocumentStatus.INDEXING);

    private final DatasetRepository datasets;
    private final DatasetDocumentRepository documents;
    private final DocumentChunkRepository chunks;

    public IndexingSteps(DatasetRepository datasets, DatasetDocumentRepository documents, DocumentChunkRepository chunks) {
        this.datasets = datasets;
        this.documents = documents;
        this.chunks = chunks;
    }

    /** The next chunks to embed, with what their index entries need. */
    public record Batch(DatasetDocument document, List<DocumentChunk> chunks, Map<String, String> parents,
            Map<String, String> metadata) {}

    @Transactional(readOnly = true)
    public Optional<DatasetDocument> document(String documentId) {
        return documents.findById(documentId);
    }

    @Transactional(readOnly = true)
    public Optional<Dataset> dataset(String datasetId) {
        return datasets.findById(datasetId);
    }

    /**
     * The first {@code limit} documents waiting for or in the middle of indexing, oldest first (paused ones
     * excluded); ids only, so the dispatcher can ask often.
     */
    @Transactional(readOnly = true)
    public List<QueuedDocument> queue(int limit) {
        return documents.queued(IN_QUEUE, PageRequest.of(0, limit));
    }

    /** True when splitting finished earlier: the chunks are stored and only embedding may be left. */
    @Transactional(readOnly = true)
    public boolean chunksComplete(DatasetDocument doc) {
        return doc.getChunksTotal() > 0 && chunks.countByDocumentIdAndKindIn(doc.getId(), EMBEDDED) == doc.getChunksTotal();
    }

    public void move(String documentId, DocumentStatus status) {
        documents.findById(documentId).filter(d -> d.getStatus().inQueue()).ifPresent(d -> d.moveTo(status));
    }

    public void fail(String documentId, String reason) {
        documents.findById(documentId).ifPresent(d -> d.fail(reason));
    }

    /** Replaces the document's chunks with a new split, in one transaction, and moves it to indexing. */
    public void replaceChunks(String documentId, List<TextChunk> split, String title) {
        DatasetDocument doc = documents.findById(documentId).orElse(null);
        if (doc == null || !doc.getStatus().inQueue()) {
            return;
        }
        chunks.deleteByDocumentId(documentId);
        List<DocumentChunk> rows = new ArrayList<>();
        int embedded = 0;
        int words = 0;
        int tokens = 0;
        int childPosition = 0;
        for (TextChunk c : split) {
            if (c.children().isEmpty()) {
                DocumentChunk row = new DocumentChunk(doc.getDatasetId(), documentId, null, ChunkKind.CHUNK,
                        c.position(), c.content(), c.tokens());
                rows.add(row);
                embedded++;
                words += row.getWordCount();
                tokens += c.tokens();
            } else {
                DocumentChunk parent = new DocumentChunk(doc.getDatasetId(), documentId, null, ChunkKind.PARENT,
                        c.position(), c.content(), c.tokens());
                rows.add(parent);
                words += parent.getWordCount();
                tokens += c.tokens();
                for (TextChunk child : c.children()) {
                    rows.add(new DocumentChunk(doc.getDatasetId(), documentId, parent.getId(), ChunkKind.CHILD,
                            childPosition++, child.content(), child.tokens()));
                    embedded++;
                }
            }
        }
        chunks.saveAll(rows);
        doc.splitInto(embedded, words, tokens);
        doc.moveTo(DocumentStatus.INDEXING);
    }

    /**
     * Up to {@code size} chunks still to embed that come after {@code afterPosition} (chunks written earlier in this
     * pass may still wait for their commit), or null when the document is gone or no longer meant to be indexed
     * (paused, failed or deleted).
     */
    @Transactional(readOnly = true)
    public Batch nextBatch(String documentId, int afterPosition, int size) {
        DatasetDocument doc = documents.findById(documentId).orElse(null);
        if (doc == null || doc.getStatus() != DocumentStatus.INDEXING) {
            return null;
        }
        List<DocumentChunk> pending = chunks.findByDocumentIdAndIndexedFalseAndPositionGreaterThanOrderByPositionAsc(
                documentId, afterPosition, PageRequest.of(0, size));
        Map<String, String> parents = new HashMap<>();
        List<String> parentIds = pending.stream().map(DocumentChunk::getParentId).filter(p -> p != null).distinct().toList();
        if (!parentIds.isEmpty()) {
            chunks.findByIdIn(parentIds).forEach(p -> parents.put(p.getId(), p.getContent()));
        }
        return new Batch(doc, pending, parents, ChunkMetadata.of(doc));
    }

    /** Called after a Lucene commit holds these chunks. */
    public void markIndexed(String documentId, Collection<String> chunkIds) {
        if (!chunkIds.isEmpty()) {
            chunks.markIndexed(chunkIds);
        }
        documents.findById(documentId).ifPresent(d ->
                d.setChunksDone((int) chunks.countByDocumentIdAndKindInAndIndexedTrue(documentId, EMBEDDED)));
    }

    /**
     * What one group commit made durable, recorded in one transaction: the chunks marked indexed per document, and
     * the {@code finished} documents completed once all their chunks are.
     */
    public void recordCommit(Map<String, ? extends Collection<String>> indexedByDocument, Collection<String> finished) {
        for (Map.Entry<String, ? extends Collection<String>> e : indexedByDocument.entrySet()) {
            markIndexed(e.getKey(), e.getValue());
        }
        for (String documentId : finished) {
            completeIfIndexed(documentId);
        }
    }

    /** Moves the document to completed once every chunk to embed is indexed (and it was not paused meanwhile). */
    public void completeIfIndexed(String documentId) {
        documents.findById(documentId)
                .filter(d -> d.getStatus() == DocumentStatus.INDEXING)
                .filter(d -> chunks.countByDocumentIdAndKindInAndIndexedTrue(documentId, EMBEDDED) >= d.getChunksTotal())
                .ifPresent(d -> d.moveTo(DocumentStatus.COMPLETED));
    }

    /** Documents left in a working status by a crash: they are simply picked up again by the queue. */
    @Transactional(readOnly = true)
    public long unfinishedCount() {
        return documents.countByStatusIn(IN_QUEUE);
    }
}
