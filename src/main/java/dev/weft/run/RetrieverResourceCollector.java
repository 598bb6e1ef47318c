package dev.weft.run;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;
import dev.weft.engine.node.llm.RetrieverResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects the knowledge cited by a run's LLM nodes ({@code retriever_resources} in their process data), numbered
 * in the order they were cited, for the chat message and its {@code message_end} event.
 */
public final class RetrieverResourceCollector implements RunListener {

    private final List<Map<String, Object>> resources = new ArrayList<>();

    @Override
    public synchronized void onEvent(RunEvent event) {
        if (event instanceof RunEvent.NodeFinished f && f.processData() != null
                && f.processData().get(RetrieverResources.KEY) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> copy = new java.util.LinkedHashMap<>((Map<String, Object>) m);
                    copy.put("position", resources.size() + 1);
                    resources.add(copy);
                }
            }
        }
    }

    public synchronized List<Map<String, Object>> resources() {
        return List.copyOf(resources);
    }
}
