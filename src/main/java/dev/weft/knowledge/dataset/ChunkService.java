package dev.weft.knowledge.dataset;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.embed.EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.security.Account;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chunk browser's operations: list a document's chunks, edit one (it is embedded again and replaced in the
 * index), enable or disable one (excluded from retrieval without re-embedding).
 */
@Service
@Transactional
public class ChunkService {

    private static final List<ChunkKind> TOP_LEVEL = List.of(ChunkKind.CHUNK, ChunkKind.PARENT);

    private final DocumentService documents;
    private final DatasetService datasets;
    private final DocumentChunkRepository chunks;
    private final EmbeddingModels embeddingModels;
    private final KnowledgeIndexes indexes;
    private final DatasetDocumentRepository documentRows;

    public ChunkService(DocumentService documents, DatasetService datasets, DocumentChunkRepository chunks,
            EmbeddingModels embeddingModels, KnowledgeIndexes indexes, DatasetDocumentRepository documentRows) {
        this.documentRows = documentRows;
        this.documents = documents;
        this.datasets = datasets;
        this.chunks = chunks;
        this.embeddingModels = embeddingModels;
        this.indexes = indexes;
    }

    /** A top-level chunk with its children (parent-child mode). */
    public record ChunkWithChildren(DocumentChunk chunk, List<DocumentChunk> children) {}

    @Transactional(readOnly = true)
    public Page<ChunkWithChildren> list(Account viewer, String datasetId, String documentId, int page, int size) {
        DatasetDocument doc = documents.get(viewer, datasetId, documentId);
        return chunks.findByDocumentIdAndKindInOrderByPositionAsc(doc.getId(), TOP_LEVEL,
                        PageRequest.of(Math.max(0, page), Math.clamp(size, 1, 200)))
                .map(c -> new ChunkWithChildren(c, c.getKind() == ChunkKind.PARENT
                        ? chunks.findByParentIdOrderByPositionAsc(c.getId()) : List.of()));
    }

    /**
     * New content for a chunk. A general chunk or a child is embedded again; a parent's children carry the new
     * parent text into the index (they keep their own vectors).
     */
    public DocumentChunk edit(Account editor, String datasetId, String documentId, String chunkId, String content) {
        if (content == null || content.isBlank()) {
            throw new IllegalArgumentException("a chunk cannot be empty; disable or delete it instead");
        }
        DatasetDocument doc = documents.get(editor, datasetId, documentId);
        Dataset dataset = datasets.get(editor, datasetId);
        DocumentChunk chunk = chunkOf(doc, chunkId);
        EmbeddingModel model = embeddingModels.get(dataset.getEmbeddingModel());
        String text = content.strip();
        chunk.edit(text, model.tokenCounter().count(text));
        List<DocumentChunk> toIndex = new ArrayList<>();
        if (chunk.getKind() == ChunkKind.PARENT) {
            toIndex.addAll(chunks.findByParentIdOrderByPositionAsc(chunk.getId()));
        } else {
            toIndex.add(chunk);
        }
        List<float[]> vectors = chunk.getKind() == ChunkKind.PARENT
                ? null
                : model.embedDocuments(List.of(chunk.getContent()));
        var index = indexes.get(dataset.getId());
        List<IndexedChunk> entries = new ArrayList<>();
        for (int i = 0; i < toIndex.size(); i++) {
            DocumentChunk c = toIndex.get(i);
            float[] vector = vectors != null ? vectors.get(i) : model.embedDocuments(List.of(c.getContent())).getFirst();
            String parentContent = c.getKind() == ChunkKind.CHILD ? parentContent(c, chunk) : null;
            entries.add(new IndexedChunk(c.getId(), doc.getId(), doc.getName(), c.getPosition(), c.getContent(),
                    c.getParentId(), parentContent, ChunkMetadata.of(doc), vector, c.isEnabled() && doc.isSearchable()));
        }
        index.upsert(entries);
        index.commit();
        toIndex.forEach(DocumentChunk::markIndexed);
        chunks.saveAll(toIndex);
        return chunks.save(chunk);
    }

    /**
     * Adds chunks written by hand to a completed document (Dify's "add segments"): each is embedded and indexed at
     * once, after the document's last chunk. In parent-child mode each becomes a parent with one child of the same
     * text.
     */
    public List<DocumentChunk> add(Account editor, String datasetId, String documentId, List<String> contents) {
        if (contents == null || contents.isEmpty()) {
            throw new IllegalArgumentException("segments is empty; send at least one {\"content\": \"…\"}");
        }
        for (String content : contents) {
            if (content == null || content.isBlank()) {
                throw new IllegalArgumentException("a chunk cannot be empty; every segment needs its content");
            }
        }
        DatasetDocument doc = documents.get(editor, datasetId, documentId);
        if (doc.getStatus() != DocumentStatus.COMPLETED) {
            throw new DocumentBusyException("chunks can be added to a completed document only; this one is "
                    + doc.getStatus().value());
        }
        Dataset dataset = datasets.get(editor, datasetId);
        EmbeddingModel model = embeddingModels.get(dataset.getEmbeddingModel());
        boolean parentChild = dataset.getChunkSettings().mode() == ChunkSettings.Mode.PARENT_CHILD;
        int position = chunks.maxPosition(doc.getId(), TOP_LEVEL);
        int childPosition = chunks.maxPosition(doc.getId(), List.of(ChunkKind.CHILD));
        List<DocumentChunk> added = new ArrayList<>();
        List<DocumentChunk> embedded = new ArrayList<>();
        int words = 0;
        int tokens = 0;
        for (String content : contents) {
            String text = content.strip();
            int count = model.tokenCounter().count(text);
            DocumentChunk top = new DocumentChunk(doc.getDatasetId(), doc.getId(), null,
                    parentChild ? ChunkKind.PARENT : ChunkKind.CHUNK, ++position, text, count);
            added.add(top);
            words += top.getWordCount();
            tokens += count;
            embedded.add(parentChild
                    ? new DocumentChunk(doc.getDatasetId(), doc.getId(), top.getId(), ChunkKind.CHILD, ++childPosition, text, count)
                    : top);
        }
        List<float[]> vectors = model.embedDocuments(embedded.stream().map(DocumentChunk::getContent).toList());
        List<IndexedChunk> entries = new ArrayList<>();
        for (int i = 0; i < embedded.size(); i++) {
            DocumentChunk c = embedded.get(i);
            entries.add(new IndexedChunk(c.getId(), doc.getId(), doc.getName(), c.getPosition(), c.getContent(),
                    c.getParentId(), parentChild ? c.getContent() : null, ChunkMetadata.of(doc), vectors.get(i),
                    doc.isSearchable()));
        }
        var index = indexes.get(dataset.getId());
        index.upsert(entries);
        index.commit();
        embedded.forEach(DocumentChunk::markIndexed);
        List<DocumentChunk> rows = new ArrayList<>(added);
        if (parentChild) {
            rows.addAll(embedded);
        }
        chunks.saveAll(rows);
        doc.chunksChanged(embedded.size(), words, tokens);
        documentRows.save(doc);
        return added;
    }

    /** Deletes a chunk (with its children in parent-child mode) from the database and the index. */
    public void delete(Account editor, String datasetId, String documentId, String chunkId) {
        DatasetDocument doc = documents.get(editor, datasetId, documentId);
        DocumentChunk chunk = chunkOf(doc, chunkId);
        List<DocumentChunk> gone = new ArrayList<>();
        gone.add(chunk);
        if (chunk.getKind() == ChunkKind.PARENT) {
            gone.addAll(chunks.findByParentIdOrderByPositionAsc(chunk.getId()));
        }
        var index = indexes.get(doc.getDatasetId());
        for (DocumentChunk c : gone) {
            index.deleteChunk(c.getId());
        }
        index.commit();
        int embeddedGone = (int) gone.stream().filter(c -> c.getKind().embedded()).count();
        doc.chunksChanged(-embeddedGone, -chunk.getWordCount(), -chunk.getTokenCount());
        documentRows.save(doc);
        chunks.deleteAll(gone);
    }

    /** The chunk of this document with this id. @throws DatasetNotFoundException when there is none */
    @Transactional(readOnly = true)
    public DocumentChunk get(Account viewer, String datasetId, String documentId, String chunkId) {
        return chunkOf(documents.get(viewer, datasetId, documentId), chunkId);
    }

    /** A chunk's children (parent-child mode), in order. */
    @Transactional(readOnly = true)
    public List<DocumentChunk> children(DocumentChunk chunk) {
        return chunk.getKind() == ChunkKind.PARENT ? chunks.findByParentIdOrderByPositionAsc(chunk.getId()) : List.of();
    }

    public DocumentChunk setEnabled(Account editor, String datasetId, String documentId, String chunkId, boolean enabled) {
        DatasetDocument doc = documents.get(editor, datasetId, documentId);
        DocumentChunk chunk = chunkOf(doc, chunkId);
        chunk.setEnabled(enabled);
        var index = indexes.get(doc.getDatasetId());
        List<DocumentChunk> affected = chunk.getKind() == ChunkKind.PARENT
                ? chunks.findByParentIdOrderByPositionAsc(chunk.getId()) : List.of(chunk);
        for (DocumentChunk c : affected) {
            index.setChunkEnabled(c.getId(), enabled);
        }
        index.commit();
        return chunks.save(chunk);
    }

    private String parentContent(DocumentChunk child, DocumentChunk edited) {
        if (edited.getId().equals(child.getParentId())) {
            return edited.getContent();
        }
        return chunks.findById(child.getParentId()).map(DocumentChunk::getContent).orElse(null);
    }

    private DocumentChunk chunkOf(DatasetDocument doc, String chunkId) {
        return chunks.findById(chunkId).filter(c -> c.getDocumentId().equals(doc.getId()))
                .orElseThrow(() -> new DatasetNotFoundException("no chunk with id '" + chunkId + "' in this document"));
    }
}
