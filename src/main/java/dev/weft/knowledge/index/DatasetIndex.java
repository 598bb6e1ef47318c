package dev.weft.knowledge.index;

import dev.weft.knowledge.retrieve.MetadataFilter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene index of one dataset: chunk text for BM25 and chunk vectors in an HNSW graph, in one directory.
 *
 * <p><b>Writes and durability.</b> {@link #upsert} replaces chunks by id, so writing a chunk twice never
 * duplicates it. Every change (upserts, deletions, enabling, metadata) becomes durable only with {@link #commit()}:
 * after a crash, or a {@link #close()} without commit, the index is as of the last commit. Callers record their own
 * progress (such as an indexing job's position) after {@code commit()} returns.
 *
 * <p><b>Visibility.</b> Searches are near-real-time: a search sees every write that returned before it started,
 * committed or not. The searcher is refreshed at the first search after a write rather than after every write, so
 * a bulk load with no searches in between does not flush a tiny segment per batch.
 *
 * <p><b>Enabled flags.</b> A chunk is searchable when both its document and the chunk itself are enabled. The
 * flags are doc-value updates ({@code IndexWriter.updateNumericDocValue}): no re-embedding, no rewrite.
 * {@link IndexedChunk#enabled()} is the chunk's own flag; a chunk upserted into a disabled document stays hidden
 * until the document is enabled.
 *
 * <p><b>Scores</b> are in 0..1. Vector: Lucene scores a unit-vector dot product (and cosine) as {@code (1 + cos)/2};
 * that is turned back into the cosine similarity and clamped at 0, the scale people and Dify's score thresholds
 * use ("0.5" means cosine 0.5, not orthogonal). Full text: BM25 ({@code k1 = 0.9, b = 0.4}, {@link EnglishAnalyzer})
 * divided by the highest score the query could reach (see {@link TextQuery}), so a threshold means the same for
 * every query, and a weak best hit is not reported as 1.0.
 *
 * <p>Thread-safe. Writes may run concurrently with each other and with searches, except
 * {@link #updateDocumentMetadata} and {@link #setDocumentEnabled}, which run alone.
 */
public final class DatasetIndex implements Closeable {

    /**
     * HNSW search beam: at least this many candidates are explored, more when {@code k} is larger. Measured with
     * {@code RetrievalLatencyBench} at 1M chunks on 2 cores as Weft opens an index (13 segments searched in
     * parallel), top 10: 50 candidates gave recall@10 1.000 at p50 3.7 ms, 100 gave the same recall at p50 9.3 ms.
     */
    public static final int MIN_CANDIDATES = 50;

    private final Path path;
    private final FSDirectory directory;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final DisabledChunks disabledChunks = new DisabledChunks();
    private final Set<String> disabledDocuments = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stale = new AtomicBoolean();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final VectorSimilarityFunction similarity;
    private volatile int dimensions;

    private DatasetIndex(Path path, IndexTuning tuning, Executor searchExecutor) throws IOException {
        this.path = path;
        this.directory = FSDirectory.open(path);
        Similarity bm25 = new BM25Similarity(0.9f, 0.4f);
        IndexWriter w = new IndexWriter(directory, tuning.writerConfig(analyzer, bm25));
        try {
            this.writer = w;
            this.searchers = new SearcherManager(w, true, false, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    IndexSearcher searcher = new IndexSearcher(reader, searchExecutor);
                    searcher.setSimilarity(bm25);
                    return searcher;
                }
            });
            IndexSearcher searcher = searchers.acquire();
            try {
                FieldInfo vectorField = FieldInfos.getMergedFieldInfos(searcher.getIndexReader()).fieldInfo(ChunkDocuments.VECTOR);
                this.similarity = vectorField == null ? tuning.similarity() : vectorField.getVectorSimilarityFunction();
                this.dimensions = vectorField == null ? 0 : vectorField.getVectorDimension();
                loadDisabledDocuments(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException | RuntimeException e) {
            w.rollback();
            directory.close();
            throw e;
        }
    }

    /** Opens (creating when missing) the index in {@code path} with the default tuning. */
    public static DatasetIndex open(Path path) {
        return open(path, IndexTuning.DEFAULT);
    }

    public static DatasetIndex open(Path path, IndexTuning tuning) {
        return open(path, tuning, null);
    }

    /**
     * Opens the index; with a {@code searchExecutor}, one search runs over the index's segments in parallel (each
     * segment has its own HNSW graph), which cuts the latency of a single query on a large index when cores are
     * free; the calling thread takes part, so a busy executor only makes the search sequential again.
     */
    public static DatasetIndex open(Path path, IndexTuning tuning, Executor searchExecutor) {
        try {
            return new DatasetIndex(path, tuning, searchExecutor);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the index in " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    // ---- writes ----

    /** Adds the chunks, replacing any chunk with the same id. Vectors are L2-normalised here. */
    public void upsert(List<IndexedChunk> chunks) {
        Lock shared = lock.readLock();
        shared.lock();
        try {
            for (IndexedChunk chunk : chunks) {
                float[] vector = checkedVector(chunk);
                Document doc = ChunkDocuments.toDocument(chunk, vector, similarity, !disabledDocuments.contains(chunk.documentId()));
                writer.updateDocument(new Term(ChunkDocuments.CHUNK_ID, chunk.chunkId()), doc);
            }
        } catch (IOException e) {
            throw io("write chunks to", e);
        } finally {
            stale.set(true);
            shared.unlock();
        }
    }

    /** Removes every chunk of the document. */
    public void deleteDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        runShared(() -> writer.deleteDocuments(new Term(ChunkDocuments.DOCUMENT_ID, documentId)), "delete a document from");
        disabledDocuments.remove(documentId);
    }

    /** Removes the chunk with this id, and the children of a parent with this id (parent-child mode). */
    public void deleteChunk(String chunkId) {
        Objects.requireNonNull(chunkId, "chunkId");
        runShared(() -> writer.deleteDocuments(new Term(ChunkDocuments.CHUNK_ID, chunkId), new Term(ChunkDocuments.PARENT_ID, chunkId)),
                "delete a chunk from");
    }

    public void setDocumentEnabled(String documentId, boolean enabled) {
        Objects.requireNonNull(documentId, "documentId");
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            if (dimensions != 0) { // nothing was ever written: the flag field does not exist yet
                writer.updateNumericDocValue(new Term(ChunkDocuments.DOCUMENT_ID, documentId), ChunkDocuments.DOC_ENABLED, enabled ? 1 : 0);
            }
            if (enabled) {
                disabledDocuments.remove(documentId);
            } else {
                disabledDocuments.add(documentId);
            }
        } catch (IOException e) {
            throw io("update a document in", e);
        } finally {
            stale.set(true);
            exclusive.unlock();
        }
    }

    /** Enables or disables the chunk with this id, and the children of a parent with this id (parent-child mode). */
    public void setChunkEnabled(String chunkId, boolean enabled) {
        Objects.requireNonNull(chunkId, "chunkId");
        runShared(() -> {
            if (dimensions == 0) {
                return;
            }
            writer.updateNumericDocValue(new Term(ChunkDocuments.CHUNK_ID, chunkId), ChunkDocuments.CHUNK_ENABLED, enabled ? 1 : 0);
            writer.updateNumericDocValue(new Term(ChunkDocuments.PARENT_ID, chunkId), ChunkDocuments.CHUNK_ENABLED, enabled ? 1 : 0);
        }, "update a chunk in");
    }

    /**
     * Replaces the metadata of every chunk of the document. The chunks are rewritten from what the index holds
     * (stored fields, vectors, flags), so nothing is embedded again.
     */
    public void updateDocumentMetadata(String documentId, Map<String, String> metadata) {
        Objects.requireNonNull(documentId, "documentId");
        Map<String, String> meta = metadata == null ? Map.of() : Map.copyOf(metadata);
        Lock exclusive = lock.writeLock();
        exclusive.lock();
        try {
            refreshIfStale();
            IndexSearcher searcher = searchers.acquire();
            try {
                for (IndexedChunk chunk : chunkSearcher(searcher).document(documentId)) {
                    IndexedChunk changed = new IndexedChunk(chunk.chunkId(), chunk.documentId(), chunk.documentName(), chunk.position(),
                            chunk.content(), chunk.parentId(), chunk.parentContent(), meta, chunk.vector(), chunk.enabled());
                    Document doc = ChunkDocuments.toDocument(changed, chunk.vector(), similarity, !disabledDocuments.contains(documentId));
                    writer.updateDocument(new Term(ChunkDocuments.CHUNK_ID, chunk.chunkId()), doc);
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw io("update metadata in", e);
        } finally {
            stale.set(true);
            exclusive.unlock();
        }
    }

    /** Makes every change so far durable (fsync). */
    public void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw io("commit", e);
        }
    }

    /** Merges the index into one segment (faster searches; rewrites the whole index, so only after bulk loads). */
    public void forceMerge() {
        try {
            writer.forceMerge(1);
            stale.set(true);
        } catch (IOException e) {
            throw io("merge", e);
        }
    }

    // ---- reads ----

    /** Chunks in the index, enabled or not, committed or not. */
    public int chunkCount() {
        return withSearcher(searcher -> searcher.reader().numDocs());
    }

    public int documentChunkCount(String documentId) {
        return withSearcher(searcher -> searcher.count(new TermQuery(new Term(ChunkDocuments.DOCUMENT_ID, documentId))));
    }

    /** The chunks of a document as stored, vectors included, in position order. */
    public List<IndexedChunk> documentChunks(String documentId) {
        return withSearcher(searcher -> searcher.document(documentId));
    }

    /**
     * The metadata keys some chunk in the index carries (Dify's built-in fields and the documents' own), sorted;
     * read from the terms of one field, so it costs the same for ten chunks or a million.
     */
    public SortedSet<String> metadataKeys() {
        return withSearcher(searcher -> {
            SortedSet<String> keys = new TreeSet<>();
            Terms terms = MultiTerms.getTerms(searcher.reader(), ChunkDocuments.META_KEYS);
            if (terms != null) {
                TermsEnum it = terms.iterator();
                for (BytesRef term = it.next(); term != null; term = it.next()) {
                    keys.add(term.utf8ToString());
                }
            }
            return keys;
        });
    }

    /** Segments in the current searcher, for benchmarks. */
    public int segmentCount() {
        return withSearcher(searcher -> searcher.reader().leaves().size());
    }

    /** The k enabled chunks nearest to {@code query} that pass {@code filter}, exploring {@link #candidates(int)} candidates. */
    public List<ChunkHit> searchVector(float[] query, int k, MetadataFilter filter) {
        return searchVector(query, k, candidates(k), filter);
    }

    /**
     * As {@link #searchVector(float[], int, MetadataFilter)} with an explicit HNSW beam. The filter is applied
     * inside the graph search (Lucene's pre-filtering; a very selective filter switches to exact search), so
     * {@code k} matches come back whenever {@code k} chunks pass it.
     */
    public List<ChunkHit> searchVector(float[] query, int k, int numCandidates, MetadataFilter filter) {
        checkK(k);
        float[] target = queryVector(query);
        return withSearcher(searcher -> searcher.vector(target, k, Math.max(k, numCandidates), filter));
    }

    /** The k enabled chunks that best match {@code text} by BM25 and pass {@code filter}; none when the text has no terms. */
    public List<ChunkHit> searchText(String text, int k, MetadataFilter filter) {
        checkK(k);
        TextQuery query = TextQuery.analyse(analyzer, ChunkDocuments.CONTENT, text);
        return query.isEmpty() ? List.of() : withSearcher(searcher -> searcher.text(query, k, filter));
    }

    /**
     * The union of the top {@code k} by vector and the top {@code k} by BM25, each candidate with both scores: the
     * score a candidate did not get from its list is computed for it (its vector read back from the index, or its
     * BM25 score by advancing the text query's scorer to it), so a fusion of the two never has to guess.
     */
    public List<HybridHit> searchHybrid(String text, float[] query, int k, MetadataFilter filter) {
        checkK(k);
        float[] target = queryVector(query);
        TextQuery textQuery = TextQuery.analyse(analyzer, ChunkDocuments.CONTENT, text);
        return withSearcher(searcher -> searcher.hybrid(textQuery, target, k, Math.max(k, candidates(k)), filter));
    }

    /** How many HNSW candidates a search for the top {@code k} explores. */
    public static int candidates(int k) {
        return Math.max(MIN_CANDIDATES, 2 * k);
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close(); // commitOnClose is false: uncommitted changes are dropped, as after a crash
        } catch (IOException e) {
            throw io("close", e);
        } finally {
            try {
                analyzer.close();
                directory.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    // ---- internals ----

    private void loadDisabledDocuments(IndexSearcher searcher) throws IOException {
        Query disabled = NumericDocValuesField.newSlowExactQuery(ChunkDocuments.DOC_ENABLED, 0);
        int n = searcher.count(disabled);
        if (n > 0) {
            StoredFields fields = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(disabled, n).scoreDocs) {
                disabledDocuments.add(fields.document(sd.doc, Set.of(ChunkDocuments.DOCUMENT_ID)).get(ChunkDocuments.DOCUMENT_ID));
            }
        }
    }

    private float[] checkedVector(IndexedChunk chunk) {
        if (chunk.chunkId() == null || chunk.chunkId().isBlank() || chunk.documentId() == null || chunk.documentId().isBlank()) {
            throw new IllegalArgumentException("a chunk needs a chunk id and a document id, got chunk '" + chunk.chunkId()
                    + "' of document '" + chunk.documentId() + "'");
        }
        if (chunk.vector() == null) {
            throw new IllegalArgumentException("chunk '" + chunk.chunkId() + "' has no vector");
        }
        int known = dimensions;
        if (known != 0 && chunk.vector().length != known) {
            throw new IllegalArgumentException("chunk '" + chunk.chunkId() + "' has a " + chunk.vector().length
                    + "-dimension vector but this index holds " + known + "-dimension vectors (another embedding model?)");
        }
        float[] normalised = Scores.normalised(chunk.vector(), "chunk '" + chunk.chunkId() + "'");
        if (known == 0) {
            dimensions = normalised.length;
        }
        return normalised;
    }

    private float[] queryVector(float[] query) {
        Objects.requireNonNull(query, "query vector");
        return Scores.normalised(query, "the query");
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    private void refreshIfStale() throws IOException {
        if (stale.getAndSet(false)) {
            searchers.maybeRefreshBlocking();
        }
    }

    @FunctionalInterface
    private interface SearchBody<T> {
        T run(ChunkSearcher searcher) throws IOException;
    }

    private ChunkSearcher chunkSearcher(IndexSearcher searcher) {
        return new ChunkSearcher(searcher, disabledChunks, similarity, dimensions);
    }

    private <T> T withSearcher(SearchBody<T> body) {
        try {
            refreshIfStale();
            IndexSearcher searcher = searchers.acquire();
            try {
                return body.run(chunkSearcher(searcher));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw io("search", e);
        }
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    private void runShared(Write write, String what) {
        Lock shared = lock.readLock();
        shared.lock();
        try {
            write.run();
        } catch (IOException e) {
            throw io(what, e);
        } finally {
            stale.set(true);
            shared.unlock();
        }
    }

    private UncheckedIOException io(String what, IOException e) {
        return new UncheckedIOException("could not " + what + " the index in " + path + ": " + e.getMessage(), e);
    }
}
