package dev.weft.model.gateway;

import dev.weft.model.gateway.GatewayPolicy.CachePolicy;
import dev.weft.model.gateway.GatewayPolicy.CircuitBreakerPolicy;
import dev.weft.model.gateway.GatewayPolicy.Retry;
import dev.weft.model.gateway.GatewayPolicy.SemanticCachePolicy;
import dev.weft.model.gateway.GatewayPolicy.Upstream;
import dev.weft.model.gateway.GatewayPolicy.WeightedUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a gateway policy from JSON (snake_case, durations in seconds, decimals allowed):
 *
 * <pre>{@code
 * {"timeout_seconds": 60, "first_token_timeout_seconds": 10, "attempt_timeout_seconds": 20,
 *  "retry": {"max_retries": 2, "base_delay_seconds": 0.5, "max_delay_seconds": 8, "max_retry_after_seconds": 30},
 *  "fallbacks": [{"provider": "anthropic", "model": "claude-3-5-haiku-latest"}],
 *  "load_balance": [{"provider": "openai-a", "model": "gpt-4o-mini", "weight": 3}, {"provider": "openai-b", "weight": 1}],
 *  "circuit_breaker": {"enabled": true, "window": 20, "min_calls": 10, "failure_rate": 0.5, "cool_down_seconds": 30},
 *  "cache": {"enabled": true, "ttl_seconds": 3600, "max_entries": 1000},
 *  "semantic_cache": {"enabled": true, "threshold": 0.95, "ttl_seconds": 3600, "max_entries": 500}}
 * }</pre>
 *
 * Every field is optional. Unknown fields and wrong types are errors ({@link GatewayPolicyException}) naming the
 * field's path under the prefix the caller gives ({@code model.gateway} for a node).
 */
public final class GatewayPolicyParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> TOP = Set.of("timeout_seconds", "first_token_timeout_seconds", "attempt_timeout_seconds",
            "retry", "fallbacks", "load_balance", "circuit_breaker", "cache", "semantic_cache");

    private GatewayPolicyParser() {}

    /** Parses a JSON text; blank text is the empty policy. */
    public static GatewayPolicy parse(String json, String prefix) {
        if (json == null || json.isBlank()) {
            return GatewayPolicy.EMPTY;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new GatewayPolicyException(prefix, "not valid JSON: " + e.getOriginalMessage());
        }
        return parse(node, prefix);
    }

    /** Parses a node's config value (maps and lists as Jackson bound them); null is the empty policy. */
    public static GatewayPolicy parse(Map<String, Object> config, String prefix) {
        return config == null ? GatewayPolicy.EMPTY : parse((JsonNode) JSON.valueToTree(config), prefix);
    }

    public static GatewayPolicy parse(JsonNode node, String prefix) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return GatewayPolicy.EMPTY;
        }
        ObjectNode o = object(node, prefix);
        known(o, TOP, prefix);
        return new GatewayPolicy(
                duration(o, "timeout_seconds", prefix, null),
                duration(o, "first_token_timeout_seconds", prefix, null),
                duration(o, "attempt_timeout_seconds", prefix, null),
                o.has("retry") ? retry(o.get("retry"), prefix + ".retry") : null,
                o.has("fallbacks") ? fallbacks(o.get("fallbacks"), prefix + ".fallbacks") : null,
                o.has("load_balance") ? loadBalance(o.get("load_balance"), prefix + ".load_balance") : null,
                o.has("circuit_breaker") ? breaker(o.get("circuit_breaker"), prefix + ".circuit_breaker") : null,
                o.has("cache") ? cache(o.get("cache"), prefix + ".cache") : null,
                o.has("semantic_cache") ? semantic(o.get("semantic_cache"), prefix + ".semantic_cache") : null);
    }

    /** The policy as JSON in the format {@link #parse} reads (null fields left out). */
    public static String toJson(GatewayPolicy p) {
        ObjectNode o = JSON.createObjectNode();
        putSeconds(o, "timeout_seconds", p.timeout());
        putSeconds(o, "first_token_timeout_seconds", p.firstTokenTimeout());
        putSeconds(o, "attempt_timeout_seconds", p.attemptTimeout());
        if (p.retry() != null) {
            ObjectNode r = o.putObject("retry").put("max_retries", p.retry().maxRetries());
            putSeconds(r, "base_delay_seconds", p.retry().baseDelay());
            putSeconds(r, "max_delay_seconds", p.retry().maxDelay());
            putSeconds(r, "max_retry_after_seconds", p.retry().maxRetryAfter());
        }
        if (p.fallbacks() != null) {
            var a = o.putArray("fallbacks");
            p.fallbacks().forEach(u -> {
                ObjectNode x = a.addObject().put("provider", u.provider());
                if (u.model() != null) {
                    x.put("model", u.model());
                }
            });
        }
        if (p.loadBalance() != null) {
            var a = o.putArray("load_balance");
            p.loadBalance().forEach(u -> {
                ObjectNode x = a.addObject().put("provider", u.provider());
                if (u.model() != null) {
                    x.put("model", u.model());
                }
                x.put("weight", u.weight());
            });
        }
        if (p.circuitBreaker() != null) {
            CircuitBreakerPolicy c = p.circuitBreaker();
            ObjectNode x = o.putObject("circuit_breaker").put("enabled", c.enabled()).put("window", c.window())
                    .put("min_calls", c.minCalls()).put("failure_rate", c.failureRate());
            putSeconds(x, "cool_down_seconds", c.coolDown());
        }
        if (p.cache() != null) {
            ObjectNode x = o.putObject("cache").put("enabled", p.cache().enabled()).put("max_entries", p.cache().maxEntries());
            putSeconds(x, "ttl_seconds", p.cache().ttl());
        }
        if (p.semanticCache() != null) {
            SemanticCachePolicy s = p.semanticCache();
            ObjectNode x = o.putObject("semantic_cache").put("enabled", s.enabled()).put("threshold", s.threshold())
                    .put("max_entries", s.maxEntries());
            putSeconds(x, "ttl_seconds", s.ttl());
        }
        return JSON.writeValueAsString(o);
    }

    private static Retry retry(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        known(o, Set.of("max_retries", "base_delay_seconds", "max_delay_seconds", "max_retry_after_seconds"), path);
        Retry d = GatewayPolicy.DEFAULT_RETRY;
        int max = integer(o, "max_retries", path, d.maxRetries(), 0, 20);
        Duration base = duration(o, "base_delay_seconds", path, d.baseDelay());
        Duration cap = duration(o, "max_delay_seconds", path, d.maxDelay());
        if (cap.compareTo(base) < 0) {
            throw new GatewayPolicyException(path + ".max_delay_seconds", "must not be shorter than base_delay_seconds ("
                    + seconds(base) + ")");
        }
        return new Retry(max, base, cap, duration(o, "max_retry_after_seconds", path, d.maxRetryAfter()));
    }

    private static List<Upstream> fallbacks(JsonNode node, String path) {
        List<Upstream> out = new ArrayList<>();
        for (int i = 0; i < array(node, path).size(); i++) {
            String p = path + "[" + i + "]";
            ObjectNode o = object(node.get(i), p);
            known(o, Set.of("provider", "model"), p);
            out.add(new Upstream(text(o, "provider", p, true), text(o, "model", p, false)));
        }
        return out;
    }

    private static List<WeightedUpstream> loadBalance(JsonNode node, String path) {
        List<WeightedUpstream> out = new ArrayList<>();
        for (int i = 0; i < array(node, path).size(); i++) {
            String p = path + "[" + i + "]";
            ObjectNode o = object(node.get(i), p);
            known(o, Set.of("provider", "model", "weight"), p);
            out.add(new WeightedUpstream(text(o, "provider", p, true), text(o, "model", p, false),
                    integer(o, "weight", p, 1, 1, 1_000_000)));
        }
        return out;
    }

    private static CircuitBreakerPolicy breaker(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        known(o, Set.of("enabled", "window", "min_calls", "failure_rate", "cool_down_seconds"), path);
        CircuitBreakerPolicy d = GatewayPolicy.DEFAULT_CIRCUIT_BREAKER;
        int window = integer(o, "window", path, d.window(), 1, 10_000);
        int minCalls = integer(o, "min_calls", path, Math.min(d.minCalls(), window), 1, window);
        return new CircuitBreakerPolicy(bool(o, "enabled", path, true), window, minCalls,
                fraction(o, "failure_rate", path, d.failureRate()), duration(o, "cool_down_seconds", path, d.coolDown()));
    }

    private static CachePolicy cache(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        known(o, Set.of("enabled", "ttl_seconds", "max_entries"), path);
        CachePolicy d = GatewayPolicy.DEFAULT_CACHE;
        return new CachePolicy(bool(o, "enabled", path, true), duration(o, "ttl_seconds", path, d.ttl()),
                integer(o, "max_entries", path, d.maxEntries(), 1, 1_000_000));
    }

    private static SemanticCachePolicy semantic(JsonNode node, String path) {
        ObjectNode o = object(node, path);
        known(o, Set.of("enabled", "threshold", "ttl_seconds", "max_entries"), path);
        SemanticCachePolicy d = GatewayPolicy.DEFAULT_SEMANTIC_CACHE;
        return new SemanticCachePolicy(bool(o, "enabled", path, true), fraction(o, "threshold", path, d.threshold()),
                duration(o, "ttl_seconds", path, d.ttl()), integer(o, "max_entries", path, d.maxEntries(), 1, 100_000));
    }

    private static ObjectNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new GatewayPolicyException(path, "must be a JSON object, got " + describe(node));
        }
        return (ObjectNode) node;
    }

    private static JsonNode array(JsonNode node, String path) {
        if (node == null || !node.isArray()) {
            throw new GatewayPolicyException(path, "must be a list, got " + describe(node));
        }
        return node;
    }

    private static void known(ObjectNode o, Set<String> names, String path) {
        for (Iterator<String> it = o.propertyNames().iterator(); it.hasNext(); ) {
            String name = it.next();
            if (!names.contains(name)) {
                throw new GatewayPolicyException(path + "." + name, "unknown field; known fields are " + String.join(", ", names.stream().sorted().toList()));
            }
        }
    }

    private static Duration duration(ObjectNode o, String name, String path, Duration fallback) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() > 86_400) {
            throw new GatewayPolicyException(path + "." + name, "must be a number of seconds above 0 and at most 86400, got " + describe(v));
        }
        return Duration.ofNanos(Math.round(v.asDouble() * 1e9));
    }

    private static int integer(ObjectNode o, String name, String path, int fallback, int min, int max) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new GatewayPolicyException(path + "." + name, "must be a whole number from " + min + " to " + max + ", got " + describe(v));
        }
        return v.asInt();
    }

    private static double fraction(ObjectNode o, String name, String path, double fallback) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || v.asDouble() <= 0 || v.asDouble() > 1) {
            throw new GatewayPolicyException(path + "." + name, "must be a number above 0 and at most 1, got " + describe(v));
        }
        return v.asDouble();
    }

    private static boolean bool(ObjectNode o, String name, String path, boolean fallback) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new GatewayPolicyException(path + "." + name, "must be true or false, got " + describe(v));
        }
        return v.asBoolean();
    }

    private static String text(ObjectNode o, String name, String path, boolean required) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull() || (v.isString() && v.asString().isBlank())) {
            if (required) {
                throw new GatewayPolicyException(path + "." + name, "is required: the name of a configured model provider");
            }
            return null;
        }
        if (!v.isString()) {
            throw new GatewayPolicyException(path + "." + name, "must be text, got " + describe(v));
        }
        return v.asString().strip();
    }

    private static void putSeconds(ObjectNode o, String name, Duration d) {
        if (d != null) {
            o.put(name, d.toNanos() / 1e9);
        }
    }

    private static String seconds(Duration d) {
        return d.toNanos() / 1e9 + " s";
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
