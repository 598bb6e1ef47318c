package dev.weft.knowledge.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.NumericUtils;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Lucene document of a chunk, and back. Stored: ids, name, position, content, parent, metadata (as JSON).
 * Indexed: {@code chunk_id}, {@code document_id}, {@code parent_id} as keywords, {@code content} as analysed text,
 * the vector, two updatable flags ({@code doc_enabled}, {@code chunk_enabled}: 1 or 0) and, per metadata key
 * {@code k}: {@code m.k} (the exact value, keyword), {@code mn.k} (the value as a double, point + doc values, when it
 * is a number), {@code mt.k} (epoch seconds, point + doc values, when it is an ISO date or date-time), and the key
 * itself in {@code meta_keys}.
 */
final class ChunkDocuments {

    static final String CHUNK_ID = "chunk_id";
    static final String DOCUMENT_ID = "document_id";
    static final String DOCUMENT_NAME = "document_name";
    static final String POSITION = "position";
    static final String CONTENT = "content";
    static final String PARENT_ID = "parent_id";
    static final String PARENT_CONTENT = "parent_content";
    static final String METADATA = "metadata";
    static final String VECTOR = "vector";
    static final String DOC_ENABLED = "doc_enabled";
    static final String CHUNK_ENABLED = "chunk_enabled";
    static final String META_KEYS = "meta_keys";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() {};

    private ChunkDocuments() {}

    static String keywordField(String key) {
        return "m." + key;
    }

    static String numberField(String key) {
        return "mn." + key;
    }

    static String timeField(String key) {
        return "mt." + key;
    }

    /** {@code vector} must already be normalised for the index's similarity. */
    static Document toDocument(IndexedChunk chunk, float[] vector, VectorSimilarityFunction similarity, boolean documentEnabled) {
        Document doc = new Document();
        doc.add(new StringField(CHUNK_ID, chunk.chunkId(), Field.Store.YES));
        doc.add(new StringField(DOCUMENT_ID, chunk.documentId(), Field.Store.YES));
        if (chunk.documentName() != null) {
            doc.add(new StoredField(DOCUMENT_NAME, chunk.documentName()));
        }
        doc.add(new StoredField(POSITION, chunk.position()));
        doc.add(new TextField(CONTENT, chunk.content() == null ? "" : chunk.content(), Field.Store.YES));
        if (chunk.parentId() != null) {
            doc.add(new StringField(PARENT_ID, chunk.parentId(), Field.Store.YES));
        }
        if (chunk.parentContent() != null) {
            doc.add(new StoredField(PARENT_CONTENT, chunk.parentContent()));
        }
        doc.add(new KnnFloatVectorField(VECTOR, vector, similarity));
        doc.add(new NumericDocValuesField(DOC_ENABLED, documentEnabled ? 1 : 0));
        doc.add(new NumericDocValuesField(CHUNK_ENABLED, chunk.enabled() ? 1 : 0));
        if (!chunk.metadata().isEmpty()) {
            doc.add(new StoredField(METADATA, JSON.writeValueAsString(new LinkedHashMap<>(chunk.metadata()))));
        }
        chunk.metadata().forEach((key, value) -> addMetadata(doc, key, value == null ? "" : value));
        return doc;
    }

    private static void addMetadata(Document doc, String key, String value) {
        doc.add(new StringField(META_KEYS, key, Field.Store.NO));
        doc.add(new StringField(keywordField(key), value, Field.Store.NO));
        OptionalDouble number = MetadataValues.number(value);
        if (number.isPresent()) {
            doc.add(new DoublePoint(numberField(key), number.getAsDouble()));
            doc.add(new SortedNumericDocValuesField(numberField(key), NumericUtils.doubleToSortableLong(number.getAsDouble())));
        }
        OptionalLong time = MetadataValues.epochSeconds(value);
        if (time.isPresent()) {
            doc.add(new LongPoint(timeField(key), time.getAsLong()));
            doc.add(new SortedNumericDocValuesField(timeField(key), time.getAsLong()));
        }
    }

    /** The chunk from its stored fields; {@code vector} may be null (hits) or the vector read back from the index. */
    static IndexedChunk fromStored(Document stored, float[] vector, boolean chunkEnabled) {
        var position = stored.getField(POSITION);
        String metadata = stored.get(METADATA);
        Map<String, String> meta = metadata == null ? Map.of() : JSON.readValue(metadata, STRING_MAP);
        return new IndexedChunk(
                stored.get(CHUNK_ID),
                stored.get(DOCUMENT_ID),
                stored.get(DOCUMENT_NAME),
                position == null ? 0 : position.numericValue().intValue(),
                stored.get(CONTENT),
                stored.get(PARENT_ID),
                stored.get(PARENT_CONTENT),
                meta,
                vector,
                chunkEnabled);
    }
}
