package dev.weft.knowledge.index;

import dev.weft.knowledge.retrieve.MetadataFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;

/**
 * The searches of {@link DatasetIndex} over one point-in-time {@link IndexSearcher}, which the caller holds for
 * the duration. Query vectors arrive normalised. Every search leaves out disabled chunks, when there are any.
 */
final class ChunkSearcher {

    private static final Query DOC_ENABLED = NumericDocValuesField.newSlowExactQuery(ChunkDocuments.DOC_ENABLED, 1);
    private static final Query CHUNK_ENABLED = NumericDocValuesField.newSlowExactQuery(ChunkDocuments.CHUNK_ENABLED, 1);

    private final IndexSearcher searcher;
    private final DisabledChunks disabledChunks;
    private final VectorSimilarityFunction similarity;
    private final int dimensions;

    ChunkSearcher(IndexSearcher searcher, DisabledChunks disabledChunks, VectorSimilarityFunction similarity, int dimensions) {
        this.searcher = searcher;
        this.disabledChunks = disabledChunks;
        this.similarity = similarity;
        this.dimensions = dimensions;
    }

    IndexReader reader() {
        return searcher.getIndexReader();
    }

    int count(Query query) throws IOException {
        return searcher.count(query);
    }

    List<ChunkHit> vector(float[] target, int k, int numCandidates, MetadataFilter filter) throws IOException {
        if (dimensions == 0) {
            return List.of();
        }
        TopDocs top = searcher.search(knn(target, numCandidates, filter(filter)), k);
        IndexedChunk[] chunks = stored(docs(top.scoreDocs));
        List<ChunkHit> hits = new ArrayList<>(chunks.length);
        for (int i = 0; i < chunks.length; i++) {
            hits.add(new ChunkHit(chunks[i], Scores.vector(top.scoreDocs[i].score)));
        }
        return hits;
    }

    List<ChunkHit> text(TextQuery query, int k, MetadataFilter filter) throws IOException {
        TopDocs top = searcher.search(filtered(query.query(), filter(filter)), k);
        double max = query.maxScore(searcher);
        IndexedChunk[] chunks = stored(docs(top.scoreDocs));
        List<ChunkHit> hits = new ArrayList<>(chunks.length);
        for (int i = 0; i < chunks.length; i++) {
            hits.add(new ChunkHit(chunks[i], Scores.text(top.scoreDocs[i].score, max)));
        }
        return hits;
    }

    List<HybridHit> hybrid(TextQuery textQuery, float[] target, int k, int numCandidates, MetadataFilter filter) throws IOException {
        Query restriction = filter(filter);
        Map<Integer, double[]> scores = new LinkedHashMap<>(); // doc -> {vectorScore, vectorRank, textScore, textRank}
        if (dimensions > 0) {
            ScoreDoc[] vectorTop = searcher.search(knn(target, numCandidates, restriction), k).scoreDocs;
            for (int i = 0; i < vectorTop.length; i++) {
                scores.put(vectorTop[i].doc, new double[] {Scores.vector(vectorTop[i].score), i + 1, 0, 0});
            }
        }
        if (!textQuery.isEmpty()) {
            double max = textQuery.maxScore(searcher);
            ScoreDoc[] textTop = searcher.search(filtered(textQuery.query(), restriction), k).scoreDocs;
            for (int i = 0; i < textTop.length; i++) {
                double[] s = scores.get(textTop[i].doc);
                if (s == null) {
                    s = new double[] {Scores.vector(similarity.compare(target, readVector(textTop[i].doc))), 0, 0, 0};
                    scores.put(textTop[i].doc, s);
                }
                s[2] = Scores.text(textTop[i].score, max);
                s[3] = i + 1;
            }
            completeTextScores(textQuery, max, scores);
        }
        int[] docs = scores.keySet().stream().mapToInt(Integer::intValue).toArray();
        IndexedChunk[] chunks = stored(docs);
        List<HybridHit> hits = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            double[] s = scores.get(docs[i]);
            hits.add(new HybridHit(chunks[i], s[0], (int) s[1], s[2], (int) s[3]));
        }
        return hits;
    }

    /** The chunks of a document as stored, with their vectors and own enabled flags, in position order. */
    List<IndexedChunk> document(String documentId) throws IOException {
        TermQuery query = new TermQuery(new Term(ChunkDocuments.DOCUMENT_ID, documentId));
        int n = searcher.count(query);
        if (n == 0) {
            return List.of();
        }
        List<IndexedChunk> chunks = new ArrayList<>(n);
        StoredFields fields = searcher.storedFields();
        for (ScoreDoc sd : searcher.search(query, n).scoreDocs) {
            chunks.add(ChunkDocuments.fromStored(fields.document(sd.doc), readVector(sd.doc), readFlag(sd.doc, ChunkDocuments.CHUNK_ENABLED)));
        }
        chunks.sort((a, b) -> Integer.compare(a.position(), b.position()));
        return chunks;
    }

    private Query knn(float[] target, int numCandidates, Query filter) {
        if (target.length != dimensions) {
            throw new IllegalArgumentException("the query vector has " + target.length + " dimensions but this index holds "
                    + dimensions + "-dimension vectors: was the query embedded with the dataset's embedding model?");
        }
        return new KnnFloatVectorQuery(ChunkDocuments.VECTOR, target, numCandidates, filter);
    }

    /** The metadata filter plus, when some chunk is disabled, the enabled flags; null when nothing restricts. */
    private Query filter(MetadataFilter filter) throws IOException {
        Query metadata = MetadataQueries.toQuery(filter);
        if (!disabledChunks.any(searcher.getIndexReader())) {
            return metadata;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(DOC_ENABLED, Occur.FILTER).add(CHUNK_ENABLED, Occur.FILTER);
        if (metadata != null) {
            b.add(metadata, Occur.FILTER);
        }
        return b.build();
    }

    private static Query filtered(Query query, Query filter) {
        return filter == null ? query : new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
    }

    /**
     * BM25 scores for the candidates that only the vector list found (0 stays for those sharing no term): the text
     * query's scorer is advanced to each of them, segment by segment, in doc id order.
     */
    private void completeTextScores(TextQuery textQuery, double max, Map<Integer, double[]> scores) throws IOException {
        int[] missing = scores.entrySet().stream().filter(e -> e.getValue()[3] == 0).mapToInt(Map.Entry::getKey).sorted().toArray();
        if (missing.length == 0) {
            return;
        }
        Weight weight = searcher.createWeight(searcher.rewrite(textQuery.query()), ScoreMode.COMPLETE, 1);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int i = 0;
        while (i < missing.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(missing[i], leaves));
            int end = leaf.docBase + leaf.reader().maxDoc();
            Scorer scorer = weight.scorer(leaf);
            for (; i < missing.length && missing[i] < end; i++) {
                if (scorer == null) {
                    continue;
                }
                int target = missing[i] - leaf.docBase;
                int at = scorer.docID() < target ? scorer.iterator().advance(target) : scorer.docID();
                if (at == target) {
                    scores.get(missing[i])[2] = Scores.text(scorer.score(), max);
                }
            }
        }
    }

    /**
     * The stored chunks of {@code docs}, in the order given. Stored fields are compressed in blocks, so they are read
     * through one reader in doc id order, which decompresses a block once for all the hits in it.
     */
    private IndexedChunk[] stored(int[] docs) throws IOException {
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < docs.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Integer.compare(docs[x], docs[y]));
        StoredFields fields = searcher.storedFields();
        IndexedChunk[] chunks = new IndexedChunk[docs.length];
        for (int i : order) {
            chunks[i] = ChunkDocuments.fromStored(fields.document(docs[i]), null, true);
        }
        return chunks;
    }

    private static int[] docs(ScoreDoc[] hits) {
        return Arrays.stream(hits).mapToInt(sd -> sd.doc).toArray();
    }

    private float[] readVector(int doc) throws IOException {
        LeafReaderContext leaf = leaf(doc);
        FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkDocuments.VECTOR);
        int target = doc - leaf.docBase;
        if (values != null) {
            KnnVectorValues.DocIndexIterator it = values.iterator();
            if (it.advance(target) == target) {
                return values.vectorValue(it.index()).clone();
            }
        }
        throw new IllegalStateException("chunk document " + doc + " has no vector in " + leaf);
    }

    private boolean readFlag(int doc, String field) throws IOException {
        LeafReaderContext leaf = leaf(doc);
        NumericDocValues flags = leaf.reader().getNumericDocValues(field);
        return flags == null || !flags.advanceExact(doc - leaf.docBase) || flags.longValue() != 0;
    }

    private LeafReaderContext leaf(int doc) {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        return leaves.get(ReaderUtil.subIndex(doc, leaves));
    }
}
