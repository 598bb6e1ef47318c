package dev.weft.knowledge.index;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

/**
 * Tells whether a reader holds any disabled chunk, so that searches add the "enabled" filter only when it can
 * change the result. The filter is a doc-values scan over every chunk; a k-NN search with a filter first collects
 * the matching documents into a bit set, which costs milliseconds per query at a million chunks. The answer is
 * cached per segment reader (a new reader cache key comes with every deletion or flag update of that segment), so
 * each segment is scanned once per change rather than once per query.
 */
final class DisabledChunks {

    private final Map<IndexReader.CacheKey, Boolean> cache = new ConcurrentHashMap<>();

    boolean any(IndexReader reader) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            if (any(leaf.reader())) {
                return true;
            }
        }
        return false;
    }

    private boolean any(LeafReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return scan(reader);
        }
        Boolean known = cache.get(helper.getKey());
        if (known != null) {
            return known;
        }
        boolean found = scan(reader);
        if (cache.putIfAbsent(helper.getKey(), found) == null) {
            helper.addClosedListener(cache::remove);
        }
        return found;
    }

    private static boolean scan(LeafReader reader) throws IOException {
        Bits live = reader.getLiveDocs();
        for (String field : new String[] {ChunkDocuments.DOC_ENABLED, ChunkDocuments.CHUNK_ENABLED}) {
            NumericDocValues flags = reader.getNumericDocValues(field);
            if (flags == null) {
                continue;
            }
            for (int doc = flags.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = flags.nextDoc()) {
                if (flags.longValue() == 0 && (live == null || live.get(doc))) {
                    return true;
                }
            }
        }
        return false;
    }
}
