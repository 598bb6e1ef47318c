package dev.weft.engine.node.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The knowledge an LLM node's context drew on, in Dify's {@code retriever_resources} shape: the context items
 * that came from a knowledge-retrieval node ({@code metadata._source = knowledge}).
 */
public final class RetrieverResources {

    /** The process-data key an LLM node reports them under. */
    public static final String KEY = "retriever_resources";

    private RetrieverResources() {}

    public static List<Map<String, Object>> of(Object context) {
        List<Map<String, Object>> resources = new ArrayList<>();
        if (!(context instanceof List<?> items)) {
            return resources;
        }
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> map) || !(map.get("metadata") instanceof Map<?, ?> meta)
                    || !"knowledge".equals(meta.get("_source"))) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("position", resources.size() + 1);
            r.put("dataset_id", meta.get("dataset_id"));
            r.put("dataset_name", meta.get("dataset_name"));
            r.put("document_id", meta.get("document_id"));
            r.put("document_name", meta.get("document_name"));
            r.put("data_source_type", meta.get("data_source_type"));
            r.put("segment_id", meta.get("segment_id"));
            r.put("retriever_from", meta.get("retriever_from"));
            r.put("score", meta.get("score"));
            r.put("segment_position", meta.get("segment_position"));
            r.put("content", map.get("content"));
            resources.add(r);
        }
        return resources;
    }
}
