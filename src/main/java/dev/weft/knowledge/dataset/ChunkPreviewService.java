package dev.weft.knowledge.dataset;

import dev.weft.knowledge.chunk.ChunkSettings;
import dev.weft.knowledge.chunk.TextChunk;
import dev.weft.knowledge.chunk.TextCleaner;
import dev.weft.knowledge.chunk.TextSplitter;
import dev.weft.knowledge.embed.EmbeddingModel;
import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.knowledge.extract.ExtractionException;
import dev.weft.knowledge.extract.TikaDocumentParser;
import dev.weft.security.Account;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Shows how a text, a stored document or a file would be cleaned and split with some chunk settings, before
 * anything is indexed. Token counts use the dataset's embedding model.
 */
@Service
public class ChunkPreviewService {

    static final int MAX_PREVIEW_CHUNKS = 50;

    private final DatasetService datasets;
    private final DocumentService documents;
    private final SourceFileStore files;
    private final TikaDocumentParser parser;
    private final TextSplitter splitter;
    private final EmbeddingModels embeddingModels;
    private final KnowledgeProperties properties;

    public ChunkPreviewService(DatasetService datasets, DocumentService documents, SourceFileStore files,
            TikaDocumentParser parser, TextSplitter splitter, EmbeddingModels embeddingModels,
            KnowledgeProperties properties) {
        this.datasets = datasets;
        this.documents = documents;
        this.files = files;
        this.parser = parser;
        this.splitter = splitter;
        this.embeddingModels = embeddingModels;
        this.properties = properties;
    }

    /** The first chunks (at most 50) and how many there are in all. */
    public record Preview(List<TextChunk> chunks, int total, int totalTokens) {}

    public Preview ofText(Account viewer, String datasetId, String text, ChunkSettings settings) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the text to preview is empty");
        }
        Dataset dataset = datasets.get(viewer, datasetId);
        return split(dataset, text, settings);
    }

    public Preview ofDocument(Account viewer, String datasetId, String documentId, ChunkSettings settings) {
        Dataset dataset = datasets.get(viewer, datasetId);
        DatasetDocument doc = documents.get(viewer, datasetId, documentId);
        if (doc.getFilePath() == null) {
            throw new IllegalArgumentException(doc.getName() + " has no stored source to preview");
        }
        try {
            return split(dataset, parser.parse(files.resolve(doc.getFilePath()), doc.getName()).text(), settings);
        } catch (ExtractionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public Preview ofFile(Account viewer, String datasetId, String filename, InputStream content, ChunkSettings settings) {
        Dataset dataset = datasets.get(viewer, datasetId);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("weft-preview-", ".upload");
            try (InputStream in = content) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.size(tmp) > properties.maxFileSize()) {
                throw new IllegalArgumentException(filename + " is larger than the upload limit");
            }
            return split(dataset, parser.parse(tmp, filename).text(), settings);
        } catch (ExtractionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // temp file
                }
            }
        }
    }

    private Preview split(Dataset dataset, String text, ChunkSettings requested) {
        ChunkSettings settings = requested == null ? dataset.getChunkSettings() : requested;
        EmbeddingModel model = embeddingModels.get(dataset.getEmbeddingModel());
        List<TextChunk> chunks = splitter.split(TextCleaner.clean(text, settings.cleaning()), settings, model.tokenCounter());
        int tokens = chunks.stream().mapToInt(TextChunk::tokens).sum();
        return new Preview(chunks.subList(0, Math.min(MAX_PREVIEW_CHUNKS, chunks.size())), chunks.size(), tokens);
    }
}
