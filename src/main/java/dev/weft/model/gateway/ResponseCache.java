package dev.weft.model.gateway;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exact-match response cache: answers by the SHA-256 of the workspace, provider, model, messages,
 * parameters and JSON schema of a call. Entries live for the TTL of the policy that stored them; the cache
 * holds at most the {@code max_entries} of the storing policy, dropping the least recently used. Thread-safe.
 */
final class ResponseCache {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private record Entry(ChatResponse response, long expiresAt) {}

    private final LongSupplier nanoClock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    ResponseCache(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The key of a call: a hex SHA-256 over its canonical JSON. */
    static String key(String workspaceId, String provider, String model, ChatRequest request) {
        Map<String, Object> parts = new TreeMap<>();
        parts.put("w", workspaceId == null ? "" : workspaceId);
        parts.put("p", provider == null ? "" : provider);
        parts.put("m", model == null ? "" : model);
        parts.put("msgs", request.messages().stream().map(ResponseCache::message).toList());
        parts.put("params", request.parameters());
        parts.put("schema", request.jsonSchema() == null ? Map.of() : request.jsonSchema());
        return sha256(CANONICAL.writeValueAsString(parts));
    }

    private static Map<String, String> message(ChatMessage m) {
        return Map.of("r", m.role() == null ? "" : m.role(), "c", m.content() == null ? "" : m.content());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    synchronized ChatResponse get(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (nanoClock.getAsLong() - e.expiresAt >= 0) {
            entries.remove(key);
            return null;
        }
        return e.response;
    }

    synchronized void put(String key, ChatResponse response, GatewayPolicy.CachePolicy policy) {
        entries.put(key, new Entry(response, nanoClock.getAsLong() + policy.ttl().toNanos()));
        if (entries.size() > policy.maxEntries()) {
            long now = nanoClock.getAsLong();
            entries.values().removeIf(x -> now - x.expiresAt >= 0);
            Iterator<String> eldest = entries.keySet().iterator();
            while (entries.size() > policy.maxEntries() && eldest.hasNext()) {
                eldest.next();
                eldest.remove();
            }
        }
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
    }
}
