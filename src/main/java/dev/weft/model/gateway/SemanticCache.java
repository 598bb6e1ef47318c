package dev.weft.model.gateway;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The semantic cache: answers to earlier calls whose last user message means nearly the same. A call's
 * namespace is everything but that message (workspace, provider, model, earlier messages, parameters, schema),
 * hashed as in {@link ResponseCache}; within it the stored question with the highest cosine similarity wins if
 * it reaches the policy's threshold. Vectors come from Weft's local embedding model, L2-normalised, so the
 * cosine is a dot product. At most {@code max_entries} entries of the storing policy are kept (oldest dropped
 * first), each for its TTL. Thread-safe.
 */
final class SemanticCache {

    /** Turns text into an L2-normalised vector. */
    @FunctionalInterface
    interface Embedder {
        float[] embed(String text);
    }

    /** A lookup's result: the response when one was close enough, and the best similarity seen (NaN when none). */
    record Lookup(ChatResponse response, double similarity, String namespace, float[] vector) {}

    private record Entry(String namespace, float[] vector, ChatResponse response, long expiresAt) {}

    private final LongSupplier nanoClock;
    private final Map<String, List<Entry>> byNamespace = new HashMap<>();
    private final Deque<Entry> order = new ArrayDeque<>();

    SemanticCache(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The namespace of a call, or null when it has no user message to compare. */
    static String namespace(String workspaceId, String provider, String model, ChatRequest request) {
        int last = lastUserMessage(request);
        if (last < 0) {
            return null;
        }
        List<ChatMessage> rest = new ArrayList<>(request.messages());
        rest.set(last, new ChatMessage("user", "\u0000"));
        return ResponseCache.key(workspaceId, provider, model,
                new ChatRequest(request.model(), rest, request.parameters(), request.jsonSchema()));
    }

    static String question(ChatRequest request) {
        int last = lastUserMessage(request);
        return last < 0 ? null : request.messages().get(last).content();
    }

    private static int lastUserMessage(ChatRequest request) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            ChatMessage m = request.messages().get(i);
            if ("user".equals(m.role()) && m.content() != null && !m.content().isBlank()) {
                return i;
            }
        }
        return -1;
    }

    Lookup find(String namespace, float[] vector, double threshold) {
        double best = Double.NaN;
        ChatResponse hit = null;
        synchronized (this) {
            List<Entry> entries = byNamespace.get(namespace);
            if (entries != null) {
                long now = nanoClock.getAsLong();
                for (Entry e : entries) {
                    if (now - e.expiresAt >= 0) {
                        continue;
                    }
                    double s = dot(vector, e.vector);
                    if (Double.isNaN(best) || s > best) {
                        best = s;
                        hit = e.response;
                    }
                }
            }
        }
        return new Lookup(!Double.isNaN(best) && best >= threshold ? hit : null, best, namespace, vector);
    }

    synchronized void put(String namespace, float[] vector, ChatResponse response, GatewayPolicy.SemanticCachePolicy policy) {
        Entry e = new Entry(namespace, vector, response, nanoClock.getAsLong() + policy.ttl().toNanos());
        byNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(e);
        order.addLast(e);
        long now = nanoClock.getAsLong();
        while (order.size() > policy.maxEntries() || (!order.isEmpty() && now - order.peekFirst().expiresAt >= 0)) {
            Entry old = order.pollFirst();
            List<Entry> list = byNamespace.get(old.namespace);
            if (list != null) {
                list.remove(old);
                if (list.isEmpty()) {
                    byNamespace.remove(old.namespace);
                }
            }
        }
    }

    synchronized int size() {
        return order.size();
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.NEGATIVE_INFINITY;
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
