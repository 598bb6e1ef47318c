package dev.weft.knowledge.job;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.chunk.TextChunk;
import dev.weft.knowledge.chunk.TextCleaner;
import dev.weft.knowledge.chunk.TextSplitter;
import dev.weft.knowledge.dataset.Dataset;
import dev.weft.knowledge.dataset.DatasetDocument;
import dev.weft.knowledge.dataset.DocumentChunk;
import dev.weft.knowledge.dataset.DocumentSourceType;
import dev.weft.knowledge.dataset.DocumentStatus;
import dev.weft.knowledge.dataset.IndexingSteps;
import dev.weft.knowledge.dataset.SourceFileStore;
import dev.weft.knowledge.embed.EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.extract.ExtractedText;
import dev.weft.knowledge.extract.ExtractionException;
import dev.weft.knowledge.extract.TikaDocumentParser;
import dev.weft.knowledge.index.DatasetIndex;
import dev.weft.knowledge.index.IndexedChunk;
import dev.weft.knowledge.index.KnowledgeIndexes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Indexes one document: parsing → cleaning → splitting → indexing → completed, or error with the reason.
 * <p>Crash safety: splitting stores the chunks in the database in one transaction. Indexing first deletes from
 * Lucene whatever an earlier split left there (when none of the new chunks is indexed yet), then embeds the chunks
 * not yet marked indexed and writes them to Lucene keyed by chunk id. {@link IndexCommitter} commits Lucene for
 * several documents at once and only then marks their chunks indexed and completes them. The delete and the writes
 * reach the disk in the same commit. After a crash the document resumes with the chunks not marked; a chunk
 * written twice replaces itself, so nothing is duplicated.
 */
@Component
public class DocumentIndexer {

    private static final Logger log = LoggerFactory.getLogger(DocumentIndexer.class);

    static final int MAX_ATTEMPTS = 5;

    private static final String MARKDOWN = "text/markdown";

    /**
     * Texts from this length on get the cleaning and splitting statuses written as they start; shorter ones are
     * cleaned and split in a few milliseconds, so those statuses would never be seen and only cost two transactions:
     * their status goes from parsing straight to indexing, with the chunks, in one transaction.
     */
    static final int VISIBLE_STEP_CHARS = 200_000;

    private final IndexingSteps steps;
    private final SourceFileStore files;
    private final TikaDocumentParser parser;
    private final TextSplitter splitter;
    private final EmbeddingModels embeddingModels;
    private final KnowledgeIndexes indexes;
    private final IndexCommitter committer;
    private final int batchSize;

    public DocumentIndexer(IndexingSteps steps, SourceFileStore files, TikaDocumentParser parser, TextSplitter splitter,
            EmbeddingModels embeddingModels, KnowledgeIndexes indexes, IndexCommitter committer,
            dev.weft.knowledge.dataset.KnowledgeProperties properties) {
        this.committer = committer;
        this.steps = steps;
        this.files = files;
        this.parser = parser;
        this.splitter = splitter;
        this.embeddingModels = embeddingModels;
        this.indexes = indexes;
        this.batchSize = properties.embeddingBatchSize();
    }

    /** Runs the document's remaining steps; {@code stop} is asked between steps and batches. */
    public void index(String documentId, BooleanSupplier stop) {
        DatasetDocument doc = steps.document(documentId).orElse(null);
        if (doc == null || !doc.getStatus().inQueue()) {
            return;
        }
        Dataset dataset = steps.dataset(doc.getDatasetId()).orElse(null);
        if (dataset == null) {
            return;
        }
        if (doc.getAttempts() >= MAX_ATTEMPTS && doc.getStatus() != DocumentStatus.WAITING) {
            steps.fail(documentId, "indexing was interrupted " + doc.getAttempts() + " times; retry the document");
            return;
        }
        try {
            EmbeddingModel model = embeddingModels.get(dataset.getEmbeddingModel());
            DatasetIndex index = indexes.get(dataset.getId());
            if (!steps.chunksComplete(doc)) {
                if (!split(doc, dataset, model, index, stop)) {
                    return;
                }
            } else {
                steps.move(documentId, DocumentStatus.INDEXING);
            }
            embed(doc.getDatasetId(), documentId, model, index, stop);
        } catch (ExtractionException e) {
            steps.fail(documentId, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("indexing document {} failed", documentId, e);
            steps.fail(documentId, "indexing failed: " + describe(e));
        }
    }

    private boolean split(DatasetDocument doc, Dataset dataset, EmbeddingModel model, DatasetIndex index,
            BooleanSupplier stop) throws ExtractionException {
        steps.move(doc.getId(), DocumentStatus.PARSING);
        ExtractedText text = extract(doc);
        if (text.isBlank()) {
            throw new ExtractionException(doc.getName() + " has no extractable text (is it a scanned image "
                    + "or an empty document?)");
        }
        if (stop.getAsBoolean()) {
            return false;
        }
        boolean slow = text.text().length() >= VISIBLE_STEP_CHARS;
        if (slow) {
            steps.move(doc.getId(), DocumentStatus.CLEANING);
        }
        ChunkSettings settings = dataset.getChunkSettings();
        String cleaned = TextCleaner.clean(text.text(), settings.cleaning());
        if (slow) {
            steps.move(doc.getId(), DocumentStatus.SPLITTING);
        }
        List<TextChunk> chunks = splitter.split(cleaned, capped(settings, model), model.tokenCounter());
        if (chunks.isEmpty()) {
            throw new ExtractionException(doc.getName() + " has no text left after cleaning; check the cleaning rules");
        }
        if (stop.getAsBoolean()) {
            return false;
        }
        steps.replaceChunks(doc.getId(), chunks, text.title());
        return true;
    }

    /** Chunks longer than the model reads would be cut silently; cap them at the model's input length. */
    private static ChunkSettings capped(ChunkSettings s, EmbeddingModel model) {
        int max = model.maxTokens();
        if (s.mode() == ChunkSettings.Mode.GENERAL && s.maxTokens() > max) {
            return new ChunkSettings(s.mode(), s.separator(), max, Math.min(s.overlapTokens(), max / 4), s.parentMode(),
                    s.childSeparator(), s.childMaxTokens(), s.cleaning());
        }
        if (s.mode() == ChunkSettings.Mode.PARENT_CHILD && s.childMaxTokens() > max) {
            return new ChunkSettings(s.mode(), s.separator(), s.maxTokens(), s.overlapTokens(), s.parentMode(),
                    s.childSeparator(), max, s.cleaning());
        }
        return s;
    }

    /** Writes every chunk not yet indexed; the committer completes the document after its commit. */
    private void embed(String datasetId, String documentId, EmbeddingModel model, DatasetIndex index, BooleanSupplier stop) {
        committer.flushDocument(datasetId, documentId);
        int after = -1;
        boolean first = true;
        while (true) {
            if (stop.getAsBoolean()) {
                return;
            }
            IndexingSteps.Batch batch = steps.nextBatch(documentId, after, batchSize);
            if (batch == null) {
                return; // gone, paused or failed meanwhile
            }
            if (first && batch.document().getChunksDone() == 0) {
                index.deleteDocument(documentId); // what an earlier split of this document left; goes out with the first commit
            }
            first = false;
            if (batch.chunks().isEmpty()) {
                committer.written(datasetId, index, documentId, List.of(), true);
                return;
            }
            List<String> texts = batch.chunks().stream().map(DocumentChunk::getContent).toList();
            List<float[]> vectors = model.embedDocuments(texts);
            List<IndexedChunk> entries = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                DocumentChunk c = batch.chunks().get(i);
                entries.add(new IndexedChunk(c.getId(), documentId, batch.document().getName(), c.getPosition(),
                        c.getContent(), c.getParentId(), c.getParentId() == null ? null : batch.parents().get(c.getParentId()),
                        batch.metadata(), vectors.get(i), c.isEnabled() && batch.document().isSearchable()));
            }
            index.upsert(entries);
            after = batch.chunks().getLast().getPosition();
            committer.written(datasetId, index, documentId, batch.chunks().stream().map(DocumentChunk::getId).toList(),
                    batch.chunks().size() < batchSize);
            if (batch.chunks().size() < batchSize) {
                return;
            }
        }
    }

    private ExtractedText extract(DatasetDocument doc) throws ExtractionException {
        if (doc.getFilePath() == null) {
            throw new ExtractionException(doc.getName() + " has no stored source; upload it again");
        }
        Path path = files.resolve(doc.getFilePath());
        if (!Files.exists(path)) {
            throw new ExtractionException("the stored file of " + doc.getName() + " is missing; upload it again");
        }
        if (storedAsMarkdown(doc)) {
            try {
                return new ExtractedText(Files.readString(path, StandardCharsets.UTF_8), null, MARKDOWN, Map.of());
            } catch (IOException e) {
                throw new ExtractionException("the stored text of " + doc.getName() + " could not be read: " + e.getMessage(), e);
            }
        }
        return parser.parse(path, doc.getName());
    }

    /** Pasted text and crawled pages are stored by Weft itself as UTF-8 Markdown: there is nothing for Tika to detect. */
    private static boolean storedAsMarkdown(DatasetDocument doc) {
        return (doc.getSourceType() == DocumentSourceType.TEXT || doc.getSourceType() == DocumentSourceType.WEBSITE)
                && MARKDOWN.equals(doc.getContentType());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

}
