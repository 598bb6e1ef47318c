package dev.weft.knowledge.dataset;

import dev.weft.security.Account;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A dataset's metadata fields (Dify's metadata API): define, list with how many documents have a value, rename
 * (documents' values move to the new name), delete (documents lose their values), and set the values of documents.
 * Values are kept as text in the document's metadata and written to its index entries, where retrieval filters
 * on them.
 */
@Service
@Transactional
public class MetadataFieldService {

    /** Dify's field types. */
    public static final Set<String> TYPES = Set.of("string", "number", "time");

    /** Dify's built-in fields, which a defined field may not be named after. */
    public static final Map<String, String> BUILT_IN = builtIn();

    private final DatasetService datasets;
    private final DocumentService documentService;
    private final DatasetDocumentRepository documents;
    private final MetadataFieldRepository fields;

    public MetadataFieldService(DatasetService datasets, DocumentService documentService,
            DatasetDocumentRepository documents, MetadataFieldRepository fields) {
        this.datasets = datasets;
        this.documentService = documentService;
        this.documents = documents;
        this.fields = fields;
    }

    /** A field and the number of the dataset's documents that have a value for it. */
    public record FieldUse(MetadataField field, int count) {}

    /** One document's new values, by field id. */
    public record DocumentValues(String documentId, Map<String, String> valuesByFieldId) {}

    public MetadataField create(Account editor, String datasetId, String name, String type) {
        Dataset dataset = datasets.get(editor, datasetId);
        String checkedName = checkName(name);
        if (type == null || !TYPES.contains(type)) {
            throw new IllegalArgumentException("type must be one of string, number, time; got '" + type + "'");
        }
        if (fields.existsByDatasetIdAndName(dataset.getId(), checkedName)) {
            throw new IllegalArgumentException("this knowledge base already has a metadata field named '" + checkedName
                    + "'; choose another name");
        }
        return fields.save(new MetadataField(dataset.getId(), checkedName, type, editor.getId()));
    }

    @Transactional(readOnly = true)
    public List<FieldUse> list(Account viewer, String datasetId) {
        Dataset dataset = datasets.get(viewer, datasetId);
        List<DatasetDocument> docs = documents.findByDatasetIdOrderByPositionAsc(dataset.getId());
        return fields.findByDatasetIdOrderByCreatedAtAsc(dataset.getId()).stream()
                .map(f -> new FieldUse(f, (int) docs.stream().filter(d -> d.getMetadata().containsKey(f.getName())).count()))
                .toList();
    }

    /** Renames the field; documents' values move to the new name. */
    public MetadataField rename(Account editor, String datasetId, String fieldId, String newName) {
        MetadataField field = get(editor, datasetId, fieldId);
        String checkedName = checkName(newName);
        if (checkedName.equals(field.getName())) {
            return field;
        }
        if (fields.existsByDatasetIdAndName(field.getDatasetId(), checkedName)) {
            throw new IllegalArgumentException("this knowledge base already has a metadata field named '" + checkedName
                    + "'; choose another name");
        }
        String old = field.getName();
        for (DatasetDocument doc : documents.findByDatasetIdOrderByPositionAsc(field.getDatasetId())) {
            Map<String, String> values = doc.getMetadata();
            if (values.containsKey(old)) {
                Map<String, String> moved = new LinkedHashMap<>();
                values.forEach((k, v) -> moved.put(k.equals(old) ? checkedName : k, v));
                documentService.setMetadata(editor, datasetId, doc.getId(), moved);
            }
        }
        field.rename(checkedName);
        return fields.save(field);
    }

    /** Deletes the field; documents lose their values for it. */
    public void delete(Account editor, String datasetId, String fieldId) {
        MetadataField field = get(editor, datasetId, fieldId);
        for (DatasetDocument doc : documents.findByDatasetIdOrderByPositionAsc(field.getDatasetId())) {
            Map<String, String> values = doc.getMetadata();
            if (values.containsKey(field.getName())) {
                Map<String, String> rest = new LinkedHashMap<>(values);
                rest.remove(field.getName());
                documentService.setMetadata(editor, datasetId, doc.getId(), rest);
            }
        }
        fields.delete(field);
    }

    /**
     * Replaces the metadata of each listed document with the given values (as Dify does), checked against their
     * fields' types: a number must parse as one, a time is unix seconds.
     */
    public void setValues(Account editor, String datasetId, List<DocumentValues> updates) {
        Dataset dataset = datasets.get(editor, datasetId);
        Map<String, MetadataField> byId = new LinkedHashMap<>();
        fields.findByDatasetIdOrderByCreatedAtAsc(dataset.getId()).forEach(f -> byId.put(f.getId(), f));
        for (DocumentValues update : updates) {
            documentService.get(editor, datasetId, update.documentId());
            Map<String, String> values = new LinkedHashMap<>();
            update.valuesByFieldId().forEach((fieldId, value) -> {
                MetadataField field = byId.get(fieldId);
                if (field == null) {
                    throw new DatasetNotFoundException("no metadata field with id '" + fieldId + "' in this knowledge base");
                }
                if (value != null) {
                    values.put(field.getName(), checkValue(field, value));
                }
            });
            documentService.setMetadata(editor, datasetId, update.documentId(), values);
        }
    }

    @Transactional(readOnly = true)
    public MetadataField get(Account viewer, String datasetId, String fieldId) {
        Dataset dataset = datasets.get(viewer, datasetId);
        return fields.findById(fieldId).filter(f -> f.getDatasetId().equals(dataset.getId()))
                .orElseThrow(() -> new DatasetNotFoundException("no metadata field with id '" + fieldId
                        + "' in this knowledge base"));
    }

    private static String checkValue(MetadataField field, String value) {
        if (value == null) {
            return null;
        }
        if (!field.getType().equals("string")) {
            try {
                new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the value of metadata field '" + field.getName() + "' must be "
                        + (field.getType().equals("time") ? "a time in unix seconds" : "a number") + "; got '" + value + "'");
            }
            return value.strip();
        }
        return value;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required: the metadata field's name");
        }
        String trimmed = name.strip();
        if (trimmed.length() > 255) {
            throw new IllegalArgumentException("name is longer than 255 characters");
        }
        if (BUILT_IN.containsKey(trimmed)) {
            throw new IllegalArgumentException("name '" + trimmed + "' is a built-in field; choose another name");
        }
        return trimmed;
    }

    private static Map<String, String> builtIn() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("document_name", "string");
        m.put("uploader", "string");
        m.put("upload_date", "time");
        m.put("last_update_date", "time");
        m.put("source", "string");
        return java.util.Collections.unmodifiableMap(m);
    }
}
