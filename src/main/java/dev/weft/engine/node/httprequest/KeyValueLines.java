package dev.weft.engine.node.httprequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Dify's {@code key:value} per line text for headers and params; a line without a colon is a key with an empty value. */
final class KeyValueLines {

    private KeyValueLines() {}

    static List<Map.Entry<String, String>> parse(String text) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String key = (colon < 0 ? line : line.substring(0, colon)).strip();
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (!key.isEmpty()) {
                pairs.add(Map.entry(key, value));
            }
        }
        return pairs;
    }
}
