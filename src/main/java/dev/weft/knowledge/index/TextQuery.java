package dev.weft.knowledge.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A user's text as a bag of analysed terms: one {@code SHOULD} term clause per distinct term, boosted by how often
 * the term occurs in the text (Anserini's bag-of-words query). No query syntax is parsed, so any text is safe.
 * At most {@value #MAX_TERMS} distinct terms are kept (the first ones), below Lucene's clause limit.
 *
 * <p>{@link #maxScore} is the most any document can score for this query under Lucene's {@code BM25Similarity}:
 * a term's contribution is {@code boost · idf · tf / (tf + k1 · lengthNorm)}, which approaches {@code boost · idf}
 * and never exceeds it, so the sum over the query's terms bounds the score. Dividing a BM25 score by it gives a
 * value in 0..1 that means the same for every query and dataset ("how much of the query the chunk matches, weighted
 * by rarity"), unlike dividing by the best hit's score, which makes the top hit 1.0 even when it is a poor match.
 * Terms no chunk contains are left out of the bound (no chunk can score for them).
 */
final class TextQuery {

    static final int MAX_TERMS = 1000;

    private final String field;
    private final Map<String, Integer> counts;

    private TextQuery(String field, Map<String, Integer> counts) {
        this.field = field;
        this.counts = counts;
    }

    static TextQuery analyse(Analyzer analyzer, String field, String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            try (TokenStream tokens = analyzer.tokenStream(field, text)) {
                CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                tokens.reset();
                while (tokens.incrementToken()) {
                    String t = term.toString();
                    if (counts.containsKey(t) || counts.size() < MAX_TERMS) {
                        counts.merge(t, 1, Integer::sum);
                    }
                }
                tokens.end();
            } catch (IOException e) {
                throw new UncheckedIOException("could not analyse the query text", e);
            }
        }
        return new TextQuery(field, counts);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    Query query() {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        counts.forEach((t, n) -> {
            Query q = new TermQuery(new Term(field, t));
            b.add(n == 1 ? q : new BoostQuery(q, n), Occur.SHOULD);
        });
        return b.build();
    }

    /** The bound described above, for the searcher's statistics; 0 when no term occurs in the index. */
    double maxScore(IndexSearcher searcher) throws IOException {
        CollectionStatistics collection = searcher.collectionStatistics(field);
        if (collection == null) {
            return 0;
        }
        double docCount = collection.docCount();
        double max = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            int df = TermStates.build(searcher, new Term(field, e.getKey()), true).docFreq();
            if (df > 0) {
                max += e.getValue() * Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
            }
        }
        return max;
    }
}
