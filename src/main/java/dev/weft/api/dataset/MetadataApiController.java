package dev.weft.api.dataset;

import dev.weft.api.service.ServiceApiException;
import dev.weft.knowledge.dataset.MetadataField;
import dev.weft.knowledge.dataset.MetadataFieldService;
import dev.weft.security.Account;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A knowledge base's metadata fields and its documents' values, as Dify's metadata API. Built-in fields are listed
 * but not added to documents ({@code built_in_field_enabled} is false).
 */
@RestController
@RequestMapping("/v1/datasets/{datasetId}")
class MetadataApiController {

    private final MetadataFieldService metadata;
    private final DatasetApiCaller caller;

    MetadataApiController(MetadataFieldService metadata, DatasetApiCaller caller) {
        this.metadata = metadata;
        this.caller = caller;
    }

    @PostMapping("/metadata")
    ResponseEntity<Map<String, Object>> create(@PathVariable String datasetId, @RequestBody JsonNode body) {
        DifyRequests.requireObject(body);
        MetadataField field = metadata.create(caller.account(), datasetId, DifyRequests.requiredText(body, "name"),
                DifyRequests.requiredText(body, "type"));
        return ResponseEntity.status(HttpStatus.CREATED).body(DifyKnowledgeViews.field(field));
    }

    @GetMapping("/metadata")
    Map<String, Object> list(@PathVariable String datasetId) {
        List<Map<String, Object>> fields = metadata.list(caller.account(), datasetId).stream().map(use -> {
            Map<String, Object> m = DifyKnowledgeViews.field(use.field());
            m.put("count", use.count());
            return m;
        }).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("doc_metadata", fields);
        m.put("built_in_field_enabled", false);
        return m;
    }

    @GetMapping("/metadata/built-in")
    Map<String, Object> builtIn(@PathVariable String datasetId) {
        caller.account();
        List<Map<String, Object>> fields = new ArrayList<>();
        MetadataFieldService.BUILT_IN.forEach((name, type) -> fields.add(Map.of("name", name, "type", type)));
        return Map.of("fields", fields);
    }

    @PatchMapping("/metadata/{metadataId}")
    Map<String, Object> rename(@PathVariable String datasetId, @PathVariable String metadataId, @RequestBody JsonNode body) {
        DifyRequests.requireObject(body);
        return DifyKnowledgeViews.field(metadata.rename(caller.account(), datasetId, metadataId,
                DifyRequests.requiredText(body, "name")));
    }

    @DeleteMapping("/metadata/{metadataId}")
    ResponseEntity<Void> delete(@PathVariable String datasetId, @PathVariable String metadataId) {
        metadata.delete(caller.account(), datasetId, metadataId);
        return ResponseEntity.noContent().build();
    }

    /** {@code {operation_data: [{document_id, metadata_list: [{id, name, value}]}]}}: each document's values replaced. */
    @PostMapping("/documents/metadata")
    Map<String, Object> setValues(@PathVariable String datasetId, @RequestBody JsonNode body) {
        Account account = caller.account();
        DifyRequests.requireObject(body);
        JsonNode operations = body.get("operation_data");
        if (operations == null || !operations.isArray()) {
            throw ServiceApiException.invalid("operation_data is required: a list of {document_id, metadata_list}");
        }
        List<MetadataFieldService.DocumentValues> updates = new ArrayList<>();
        int i = 0;
        for (JsonNode op : operations) {
            String documentId = DifyRetrievalModel.text(op, "document_id");
            if (documentId == null) {
                throw ServiceApiException.invalid("operation_data[" + i + "].document_id is required");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (JsonNode item : op.path("metadata_list")) {
                String id = DifyRetrievalModel.text(item, "id");
                if (id == null) {
                    throw ServiceApiException.invalid("operation_data[" + i + "].metadata_list[].id is required");
                }
                JsonNode value = item.get("value");
                values.put(id, value == null || value.isNull() ? null : value.asString());
            }
            updates.add(new MetadataFieldService.DocumentValues(documentId, values));
            i++;
        }
        metadata.setValues(account, datasetId, updates);
        return Map.of("result", "success");
    }
}
