package dev.weft.model.gateway;

import java.time.Duration;
import java.util.List;

/**
 * How the model gateway treats a call. Every field may be null, meaning "inherit": a node's policy overrides
 * its app's, which overrides its workspace's, which overrides {@link #DEFAULTS} ({@link #overriddenBy}). A
 * nested object (retry, circuit breaker, caches) and a list (fallbacks, load balance) replace the inherited
 * one as a whole; fields missing inside a nested object take the defaults.
 *
 * <ul>
 *   <li>{@code timeout}: the whole call, every retry and fallback included;
 *   <li>{@code firstTokenTimeout}: when streaming, the wait for the first token of an attempt;
 *   <li>{@code attemptTimeout}: one attempt (never more than what is left of {@code timeout});
 *   <li>{@code fallbacks}: upstreams tried in order when the chosen one fails (after its retries);
 *   <li>{@code loadBalance}: when not empty, the first upstream of each call is picked from these by weight,
 *       in place of the node's own provider and model.
 * </ul>
 */
public record GatewayPolicy(
        Duration timeout,
        Duration firstTokenTimeout,
        Duration attemptTimeout,
        Retry retry,
        List<Upstream> fallbacks,
        List<WeightedUpstream> loadBalance,
        CircuitBreakerPolicy circuitBreaker,
        CachePolicy cache,
        SemanticCachePolicy semanticCache) {

    public static final GatewayPolicy EMPTY = new GatewayPolicy(null, null, null, null, null, null, null, null, null);

    public static final Retry DEFAULT_RETRY = new Retry(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));
    public static final CircuitBreakerPolicy DEFAULT_CIRCUIT_BREAKER =
            new CircuitBreakerPolicy(true, 20, 10, 0.5, Duration.ofSeconds(30));
    public static final CachePolicy DEFAULT_CACHE = new CachePolicy(false, Duration.ofHours(1), 1000);
    public static final SemanticCachePolicy DEFAULT_SEMANTIC_CACHE =
            new SemanticCachePolicy(false, 0.95, Duration.ofHours(1), 500);

    /**
     * What applies where nobody configured anything: no stricter than the provider clients' own defaults (5
     * minutes for an answer to start), so slow local models keep working; 2 retries; breakers on; caches off.
     */
    public static final GatewayPolicy DEFAULTS = new GatewayPolicy(Duration.ofMinutes(10), Duration.ofMinutes(5), null,
            DEFAULT_RETRY, List.of(), List.of(), DEFAULT_CIRCUIT_BREAKER, DEFAULT_CACHE, DEFAULT_SEMANTIC_CACHE);

    public GatewayPolicy {
        fallbacks = fallbacks == null ? null : List.copyOf(fallbacks);
        loadBalance = loadBalance == null ? null : List.copyOf(loadBalance);
    }

    /** A provider credential (by name, as nodes name it) and a model. */
    public record Upstream(String provider, String model) {

        @Override
        public String toString() {
            return provider + "/" + (model == null || model.isBlank() ? "(default)" : model);
        }
    }

    public record WeightedUpstream(String provider, String model, int weight) {

        public Upstream upstream() {
            return new Upstream(provider, model);
        }
    }

    /**
     * Retries of one upstream on 429, 5xx, connection errors and timeouts: {@code maxRetries} after the first
     * attempt, waiting a random time between 0 and {@code min(maxDelay, baseDelay × 2^retry)} (full jitter), or
     * the upstream's {@code Retry-After} when longer, capped at {@code maxRetryAfter}.
     */
    public record Retry(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {}

    /**
     * A breaker per upstream (provider and model): opens when at least {@code failureRate} of the last
     * {@code window} calls failed (once {@code minCalls} were seen), rejects calls for {@code coolDown}, then
     * lets one trial call through (half-open): success closes it, failure opens it again.
     */
    public record CircuitBreakerPolicy(boolean enabled, int window, int minCalls, double failureRate, Duration coolDown) {}

    /** Exact-match cache of whole answers: same provider, model, messages, parameters and schema. */
    public record CachePolicy(boolean enabled, Duration ttl, int maxEntries) {}

    /**
     * Answers to earlier questions whose last user message embeds within {@code threshold} cosine similarity of
     * this one's, with the rest of the call (provider, model, earlier messages, parameters, schema) the same.
     */
    public record SemanticCachePolicy(boolean enabled, double threshold, Duration ttl, int maxEntries) {}

    /** This policy with every field {@code over} sets replaced by that value. */
    public GatewayPolicy overriddenBy(GatewayPolicy over) {
        if (over == null || over == EMPTY) {
            return this;
        }
        return new GatewayPolicy(
                pick(over.timeout, timeout),
                pick(over.firstTokenTimeout, firstTokenTimeout),
                pick(over.attemptTimeout, attemptTimeout),
                pick(over.retry, retry),
                pick(over.fallbacks, fallbacks),
                pick(over.loadBalance, loadBalance),
                pick(over.circuitBreaker, circuitBreaker),
                pick(over.cache, cache),
                pick(over.semanticCache, semanticCache));
    }

    /** {@link #DEFAULTS} overridden by this policy: every field set. */
    public GatewayPolicy complete() {
        return DEFAULTS.overriddenBy(this);
    }

    public boolean isEmpty() {
        return this.equals(EMPTY);
    }

    private static <T> T pick(T over, T base) {
        return over != null ? over : base;
    }
}
