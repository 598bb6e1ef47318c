package dev.weft.knowledge.dataset;

import dev.weft.knowledge.index.KnowledgeIndexes;
import dev.weft.security.Account;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds documents to a dataset (uploads, pasted text, web pages) and manages them: each new document is stored
 * under the data directory and queued for indexing; a file over the size limit or past the per-upload count is
 * refused with its own reason while the others go ahead.
 */
@Service
@Transactional
public class DocumentService {

    private final DatasetService datasets;
    private final DatasetDocumentRepository documents;
    private final DocumentChunkRepository chunks;
    private final SourceFileStore files;
    private final KnowledgeIndexes indexes;
    private final KnowledgeProperties properties;
    private final ApplicationEventPublisher events;

    public DocumentService(DatasetService datasets, DatasetDocumentRepository documents, DocumentChunkRepository chunks,
            SourceFileStore files, KnowledgeIndexes indexes, KnowledgeProperties properties,
            ApplicationEventPublisher events) {
        this.datasets = datasets;
        this.documents = documents;
        this.chunks = chunks;
        this.files = files;
        this.indexes = indexes;
        this.properties = properties;
        this.events = events;
    }

    /** A file to add: its name, content type (may be null) and content. */
    public record NewFile(String name, String contentType, InputStream content) {}

    /** One file's outcome: the queued document, or why it was refused. */
    public record AddResult(String name, DatasetDocument document, String error) {

        public boolean accepted() {
            return document != null;
        }
    }

    public List<AddResult> addFiles(Account uploader, String datasetId, List<NewFile> newFiles) {
        Dataset dataset = datasets.get(uploader, datasetId);
        List<AddResult> results = new ArrayList<>();
        int accepted = 0;
        for (NewFile file : newFiles) {
            String name = SourceFileStore.safeName(file.name());
            if (accepted >= properties.maxFilesPerUpload()) {
                closeQuietly(file.content());
                results.add(new AddResult(name, null, "not added: at most " + properties.maxFilesPerUpload()
                        + " files can be uploaded at once; upload " + name + " in another batch"));
                continue;
            }
            AddResult result = add(dataset, uploader, name, DocumentSourceType.UPLOAD_FILE, null, null,
                    file.contentType(), file.content());
            if (result.accepted()) {
                accepted++;
            }
            results.add(result);
        }
        wake(dataset);
        return results;
    }

    /** Pasted text, named {@code name} with {@code .md} added (or after its first line when no name is given). */
    public DatasetDocument addText(Account author, String datasetId, String name, String text) {
        return addText(author, datasetId, name, text, true);
    }

    /**
     * Pasted text; {@code markdownSuffix} false keeps the name exactly as given (Dify's create-by-text names the
     * document with the name sent).
     */
    public DatasetDocument addText(Account author, String datasetId, String name, String text, boolean markdownSuffix) {
        Dataset dataset = datasets.get(author, datasetId);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the text is empty; paste the text to add");
        }
        String docName = name == null || name.isBlank() ? firstLine(text) : name.strip();
        boolean suffix = markdownSuffix && !docName.endsWith(".txt") && !docName.endsWith(".md");
        AddResult result = add(dataset, author, suffix ? docName + ".md" : docName,
                DocumentSourceType.TEXT, null, null, "text/markdown",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        if (!result.accepted()) {
            throw new IllegalArgumentException(result.error());
        }
        wake(dataset);
        return result.document();
    }

    /**
     * A fetched web page, already turned into text by the crawler, from web import {@code webImportId}.
     *
     * @throws IllegalArgumentException when the page is too large or empty
     */
    public DatasetDocument addWebPage(Account author, String datasetId, String url, String title, String markdown,
            String webImportId) {
        Dataset dataset = datasets.get(author, datasetId);
        String name = title == null || title.isBlank() ? url : title.strip();
        AddResult result = add(dataset, author, name.length() > 200 ? name.substring(0, 200) : name,
                DocumentSourceType.WEBSITE, url, webImportId, "text/markdown",
                new ByteArrayInputStream(markdown.getBytes(StandardCharsets.UTF_8)));
        if (!result.accepted()) {
            throw new IllegalArgumentException(result.error());
        }
        wake(dataset);
        return result.document();
    }

    /**
     * A web page web import {@code webImportId} could not read: kept as a failed document so the reason is visible.
     */
    public DatasetDocument addFailedWebPage(Account author, String datasetId, String url, String reason,
            String webImportId) {
        Dataset dataset = datasets.get(author, datasetId);
        String name = DocumentName.fit(url);
        DatasetDocument doc = new DatasetDocument(dataset.getId(), documents.maxPosition(dataset.getId()) + 1, name,
                DocumentSourceType.WEBSITE, url, null, 0, author.getId());
        doc.fromWebImport(webImportId);
        doc.fail(reason);
        return documents.save(doc);
    }

    private AddResult add(Dataset dataset, Account uploader, String name, DocumentSourceType type, String url,
            String webImportId, String contentType, InputStream content) {
        name = DocumentName.fit(name);
        int position = documents.maxPosition(dataset.getId()) + 1;
        DatasetDocument doc = new DatasetDocument(dataset.getId(), position, name, type, url, contentType, 0,
                uploader.getId());
        doc.fromWebImport(webImportId);
        long limit = properties.maxFileSize();
        SourceFileStore.StoredFile stored = files.store(dataset.getId(), doc.getId(), storedName(name, type), content, limit);
        if (stored.tooLarge()) {
            return new AddResult(name, null, "not added: " + name + " is larger than the " + megabytes(limit)
                    + " limit per file; split it or raise weft.knowledge.max-file-size");
        }
        if (stored.size() == 0) {
            files.deleteDocument(dataset.getId(), doc.getId());
            return new AddResult(name, null, "not added: " + name + " is empty (0 bytes)");
        }
        doc.stored(stored.path(), stored.size());
        dataset.touch();
        return new AddResult(name, documents.save(doc), null);
    }

    @Transactional(readOnly = true)
    public List<DatasetDocument> list(Account viewer, String datasetId) {
        return documents.findByDatasetIdOrderByPositionAsc(datasets.get(viewer, datasetId).getId());
    }

    @Transactional(readOnly = true)
    public DatasetDocument get(Account viewer, String datasetId, String documentId) {
        Dataset dataset = datasets.get(viewer, datasetId);
        return documents.findById(documentId).filter(d -> d.getDatasetId().equals(dataset.getId()))
                .orElseThrow(() -> new DatasetNotFoundException("no document with id '" + documentId + "' in this knowledge base"));
    }

    /** Stops indexing it, then removes the document, its chunks, its index entries and its file. */
    public void delete(Account editor, String datasetId, String documentId) {
        DatasetDocument doc = get(editor, datasetId, documentId);
        events.publishEvent(new DocumentDeleting(doc.getId()));
        chunks.deleteByDocumentId(doc.getId());
        documents.delete(doc);
        documents.flush();
        var index = indexes.get(doc.getDatasetId());
        index.deleteDocument(doc.getId());
        index.commit();
        files.deleteDocument(doc.getDatasetId(), doc.getId());
    }

    public DatasetDocument setEnabled(Account editor, String datasetId, String documentId, boolean enabled) {
        DatasetDocument doc = get(editor, datasetId, documentId);
        doc.setEnabled(enabled);
        var index = indexes.get(doc.getDatasetId());
        index.setDocumentEnabled(doc.getId(), doc.isSearchable());
        index.commit();
        return documents.save(doc);
    }

    /** Archives (left out of retrieval, kept in the list) or un-archives the document, as Dify's archive action. */
    public DatasetDocument setArchived(Account editor, String datasetId, String documentId, boolean archived) {
        DatasetDocument doc = get(editor, datasetId, documentId);
        doc.setArchived(archived);
        var index = indexes.get(doc.getDatasetId());
        index.setDocumentEnabled(doc.getId(), doc.isSearchable());
        index.commit();
        return documents.save(doc);
    }

    /**
     * New content for a document (Dify's update-by-text and update-by-file): its stored file is replaced and it is
     * indexed again from the start; its chunks are replaced when the new split is stored. {@code name} null keeps the
     * name; {@code type} is the new source type.
     *
     * @throws IllegalArgumentException when the document is being indexed, or the content is empty or too large
     */
    public DatasetDocument replaceContent(Account editor, String datasetId, String documentId, String name,
            DocumentSourceType type, String contentType, InputStream content) {
        DatasetDocument doc = get(editor, datasetId, documentId);
        if (doc.getStatus().inQueue() && doc.getStatus() != DocumentStatus.WAITING) {
            closeQuietly(content);
            throw new DocumentBusyException("the document is being indexed; wait until its indexing status is "
                    + "completed or error, then update it");
        }
        String newName = DocumentName.fit(name == null || name.isBlank() ? doc.getName() : name.strip());
        if (type == DocumentSourceType.UPLOAD_FILE) {
            newName = SourceFileStore.safeName(newName);
        }
        files.deleteDocument(doc.getDatasetId(), doc.getId());
        long limit = properties.maxFileSize();
        SourceFileStore.StoredFile stored = files.store(doc.getDatasetId(), doc.getId(), storedName(newName, type), content, limit);
        if (stored.tooLarge() || stored.size() == 0) {
            files.deleteDocument(doc.getDatasetId(), doc.getId());
            doc.fail(stored.tooLarge()
                    ? "the new content is larger than the " + megabytes(limit) + " limit per file; split it and update again"
                    : "the new content is empty (0 bytes); update the document with some content");
            documents.save(doc);
            throw new IllegalArgumentException(doc.getError());
        }
        doc.replaceSource(newName, type, contentType, stored.path(), stored.size());
        doc.requeue();
        DatasetDocument saved = documents.save(doc);
        wake(datasets.get(editor, datasetId));
        return saved;
    }

    public DatasetDocument rename(Account editor, String datasetId, String documentId, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the document name is required");
        }
        DatasetDocument doc = get(editor, datasetId, documentId);
        doc.rename(DocumentName.fit(name.strip()));
        return documents.save(doc);
    }

    /** Replaces the document's own metadata and rewrites its index entries with it (no re-embedding). */
    public DatasetDocument setMetadata(Account editor, String datasetId, String documentId, Map<String, String> metadata) {
        DatasetDocument doc = get(editor, datasetId, documentId);
        doc.setMetadata(metadata);
        DatasetDocument saved = documents.save(doc);
        var index = indexes.get(doc.getDatasetId());
        index.updateDocumentMetadata(doc.getId(), ChunkMetadata.of(saved));
        index.commit();
        return saved;
    }

    /** Pauses a queued or running document; the worker stops after its current batch. */
    public DatasetDocument pause(Account editor, String datasetId, String documentId) {
        DatasetDocument doc = get(editor, datasetId, documentId);
        if (!doc.getStatus().inQueue()) {
            throw new IllegalArgumentException("only a queued or indexing document can be paused; this one is "
                    + doc.getStatus().value());
        }
        doc.pause();
        return documents.save(doc);
    }

    /** Resumes a paused document where it stopped. */
    public DatasetDocument resume(Account editor, String datasetId, String documentId) {
        DatasetDocument doc = get(editor, datasetId, documentId);
        if (doc.getStatus() != DocumentStatus.PAUSED) {
            throw new IllegalArgumentException("only a paused document can be resumed; this one is " + doc.getStatus().value());
        }
        doc.moveTo(DocumentStatus.WAITING);
        DatasetDocument saved = documents.save(doc);
        wake(datasets.get(editor, datasetId));
        return saved;
    }

    /** Indexes the document again from its source (after an error, or to pick up new settings). */
    public DatasetDocument retry(Account editor, String datasetId, String documentId) {
        DatasetDocument doc = get(editor, datasetId, documentId);
        if (doc.getStatus().inQueue() && doc.getStatus() != DocumentStatus.WAITING) {
            throw new IllegalArgumentException("the document is being indexed; pause it first");
        }
        doc.requeue();
        DatasetDocument saved = documents.save(doc);
        wake(datasets.get(editor, datasetId));
        return saved;
    }

    private void wake(Dataset dataset) {
        events.publishEvent(new IndexingQueued(dataset.getId()));
    }

    private static String storedName(String name, DocumentSourceType type) {
        return type == DocumentSourceType.UPLOAD_FILE ? name : "content.md";
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("Text").replaceAll("^#+\\s*", "").strip();
        return line.length() > 80 ? line.substring(0, 80) : line;
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes + " bytes";
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }
}
