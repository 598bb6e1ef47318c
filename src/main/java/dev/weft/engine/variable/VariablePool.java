package dev.weft.engine.variable;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values of one run, addressed by selector. Node outputs live under the node id; the system,
 * environment and conversation variables under {@code sys}, {@code env} and {@code conversation}.
 * Values are plain Java: String, Number, Boolean, List, Map, {@link FileValue}, or null.
 *
 * <p>A pool may have a parent: an iteration runs each item in a child pool that sees the run's values
 * and keeps its own writes.
 */
public final class VariablePool {

    public static final String SYS = "sys";
    public static final String ENV = "env";
    public static final String CONVERSATION = "conversation";

    private final VariablePool parent;
    private final Map<String, Map<String, Object>> values = new ConcurrentHashMap<>();

    public VariablePool() {
        this(null);
    }

    private VariablePool(VariablePool parent) {
        this.parent = parent;
    }

    /** A pool that reads through to this one and keeps its own writes. */
    public VariablePool child() {
        return new VariablePool(this);
    }

    public void put(String nodeId, String name, Object value) {
        values.computeIfAbsent(nodeId, k -> new ConcurrentHashMap<>()).put(name, Values.normalize(value));
    }

    public void putAll(String nodeId, Map<String, ?> outputs) {
        Map<String, Object> target = values.computeIfAbsent(nodeId, k -> new ConcurrentHashMap<>());
        outputs.forEach((k, v) -> target.put(k, Values.normalize(v)));
    }

    /** Writes into the pool that already holds this node's values, so a conversation variable set inside an iteration reaches the run. */
    public void update(String nodeId, String name, Object value) {
        VariablePool owner = this;
        while (owner.parent != null && !owner.values.containsKey(nodeId)) {
            owner = owner.parent;
        }
        if (!owner.values.containsKey(nodeId)) {
            owner = this;
        }
        owner.put(nodeId, name, value);
    }

    /** Whether the selector's top-level variable has been set, even to null. */
    public boolean contains(Selector selector) {
        return lookup(selector.nodeId(), selector.variable()).isPresent();
    }

    /** The value at the selector, descending into maps (and list indexes) for the sub-path. */
    public Optional<Object> get(Selector selector) {
        Optional<Object> top = lookup(selector.nodeId(), selector.variable()).filter(v -> v != Values.NULL);
        if (top.isEmpty() || selector.subPath().isEmpty()) {
            return top;
        }
        Object current = top.get();
        for (String key : selector.subPath()) {
            current = Values.child(current, key);
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    public Optional<Object> get(List<String> selector) {
        return get(new Selector(selector));
    }

    /** Every value this pool (and its parents) holds for a node. */
    public Map<String, Object> outputsOf(String nodeId) {
        Map<String, Object> own = values.get(nodeId);
        if (own != null) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            own.forEach((k, v) -> copy.put(k, v == Values.NULL ? null : v));
            return copy;
        }
        return parent == null ? Map.of() : parent.outputsOf(nodeId);
    }

    private Optional<Object> lookup(String nodeId, String name) {
        Map<String, Object> node = values.get(nodeId);
        if (node != null && node.containsKey(name)) {
            return Optional.of(node.get(name));
        }
        return parent == null ? Optional.empty() : parent.lookup(nodeId, name);
    }
}
