package dev.weft.model.gateway;

import dev.weft.model.CallCost;
import dev.weft.model.ChatModel;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import dev.weft.model.catalog.ModelCatalog;
import dev.weft.model.catalog.TokenEstimator;
import dev.weft.model.gateway.GatewayPolicy.Upstream;
import dev.weft.model.gateway.GatewayPolicy.WeightedUpstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one way Weft calls chat models. For each call it applies the effective {@link GatewayPolicy} of the
 * caller's workspace, app and node:
 *
 * <ol>
 *   <li>budgets: refused with {@link BudgetExceededException} when the workspace's or the API key's is spent;
 *   <li>the exact and then the semantic response cache (a hit is replayed as one token when streaming, costs
 *       nothing and never calls the upstream);
 *   <li>the upstreams in order: the node's own, or one picked by weight from {@code load_balance} followed by the
 *       other members, then the {@code fallbacks}. An upstream whose circuit breaker is open is skipped. Each is
 *       tried with retries (exponential backoff with full jitter, at least the upstream's {@code Retry-After},
 *       capped) on 429, 408, 409, 425, 5xx, connection errors and timeouts; any other error moves to the next
 *       upstream at once. Nothing is retried or re-routed once a token reached the caller;
 *   <li>timeouts: the whole call (retries and fallbacks included), each attempt, and the first token;
 *   <li>usage (estimated per model family when the upstream reports none), cost from the {@link ModelCatalog},
 *       charged to the budgets and returned in the response.
 * </ol>
 *
 * Thread-safe; shared by all calls.
 */
public final class ModelGateway implements AutoCloseable {

    private final ChatModelResolver upstreams;
    private final PolicySource policies;
    private final BudgetGuard budgets;
    private final ModelCatalog catalog;
    private final Supplier<SemanticCache.Embedder> embedder;
    private final LongSupplier nanoClock;
    private final Attempts attempts = new Attempts();
    private final ResponseCache cache;
    private final SemanticCache semanticCache;
    private final Map<Upstream, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<List<WeightedUpstream>, SmoothWeightedRoundRobin> balancers = new ConcurrentHashMap<>();

    /**
     * @param upstreams the provider clients (not the gateway itself)
     * @param embedder gives the embedding function of the semantic cache; null turns the semantic cache off
     */
    public ModelGateway(ChatModelResolver upstreams, PolicySource policies, BudgetGuard budgets, ModelCatalog catalog,
            Supplier<SemanticCache.Embedder> embedder) {
        this(upstreams, policies, budgets, catalog, embedder, System::nanoTime);
    }

    ModelGateway(ChatModelResolver upstreams, PolicySource policies, BudgetGuard budgets, ModelCatalog catalog,
            Supplier<SemanticCache.Embedder> embedder, LongSupplier nanoClock) {
        this.upstreams = upstreams;
        this.policies = policies;
        this.budgets = budgets == null ? BudgetGuard.NONE : budgets;
        this.catalog = catalog;
        this.embedder = embedder;
        this.nanoClock = nanoClock;
        this.cache = new ResponseCache(nanoClock);
        this.semanticCache = new SemanticCache(nanoClock);
    }

    /** A model bound to the caller's scope: each {@code chat} goes through {@link #call}. */
    public ChatModel model(CallScope scope, String provider, String model) {
        return (request, onToken) -> call(scope, provider, model, request, onToken);
    }

    /**
     * Calls {@code provider}/{@code model} for {@code scope}; streams to {@code onToken} when it is not null.
     * Throws {@link ModelException} (a {@link BudgetExceededException} for budgets) when no upstream answered,
     * and {@link CancellationException} when the calling thread is interrupted or {@code onToken} throws it.
     */
    public ChatResponse call(CallScope callScope, String provider, String model, ChatRequest request, Consumer<String> onToken) {
        long start = nanoClock.getAsLong();
        CallScope scope = policies.withWorkspace(callScope == null ? CallScope.NONE : callScope);
        GatewayPolicy policy = policies.effective(scope);
        long deadline = start + policy.timeout().toNanos();
        budgets.check(scope);

        String cacheKey = null;
        if (policy.cache().enabled()) {
            cacheKey = ResponseCache.key(scope.workspaceId(), provider, model, request);
            ChatResponse hit = cache.get(cacheKey);
            if (hit != null) {
                return replay(hit, onToken);
            }
        }
        SemanticCache.Lookup semantic = null;
        if (policy.semanticCache().enabled() && embedder != null) {
            semantic = semanticLookup(scope, provider, model, request, policy);
            if (semantic != null && semantic.response() != null) {
                return replay(semantic.response(), onToken);
            }
        }

        List<String> failures = new ArrayList<>();
        ModelException last = null;
        for (Upstream upstream : candidates(policy, provider, model)) {
            if (nanoClock.getAsLong() - deadline >= 0) {
                break;
            }
            ChatRequest sent = upstream.model() == null || upstream.model().equals(request.model()) ? request
                    : new ChatRequest(upstream.model(), request.messages(), request.parameters(), request.jsonSchema());
            Tried tried = tryUpstream(upstream, sent, onToken, policy, deadline);
            if (tried.response != null) {
                ChatResponse priced = price(scope, upstream, sent, tried.response);
                budgets.charge(scope, priced.usage(), priced.cost());
                if (cacheKey != null) {
                    cache.put(cacheKey, priced, policy.cache());
                }
                if (semantic != null && semantic.namespace() != null) {
                    semanticCache.put(semantic.namespace(), semantic.vector(), priced, policy.semanticCache());
                }
                return priced;
            }
            last = tried.failure;
            failures.add(upstream + ": " + tried.failure.getMessage());
            if (tried.streamed) {
                throw new ModelException(tried.failure.getMessage() + " (after part of the answer was streamed, so it was not retried)",
                        tried.failure.status(), tried.failure.retryAfter());
            }
        }
        if (nanoClock.getAsLong() - deadline >= 0) {
            failures.add("the gateway timeout of " + Attempts.millis(policy.timeout().toNanos()) + " for the whole call ran out");
        }
        if (failures.size() == 1 && last != null) {
            throw last;
        }
        throw new ModelException("every upstream failed: " + String.join("; ", failures), last == null ? 0 : last.status(),
                last == null ? null : last.retryAfter());
    }

    private record Tried(ChatResponse response, ModelException failure, boolean streamed) {}

    private Tried tryUpstream(Upstream upstream, ChatRequest request, Consumer<String> onToken, GatewayPolicy policy, long deadline) {
        GatewayPolicy.CircuitBreakerPolicy cbPolicy = policy.circuitBreaker();
        CircuitBreaker breaker = cbPolicy.enabled() ? breakers.computeIfAbsent(upstream, u -> new CircuitBreaker(nanoClock)) : null;
        ChatModel model;
        try {
            model = upstreams.resolve(upstream.provider(), upstream.model());
        } catch (ModelException e) {
            return new Tried(null, e, false);
        }
        ModelException failure = null;
        for (int attempt = 0; ; attempt++) {
            long remaining = deadline - nanoClock.getAsLong();
            if (remaining <= 0) {
                return new Tried(null, failure != null ? failure
                        : new ModelException(upstream + ": the gateway timeout ran out", 0), false);
            }
            if (breaker != null && !breaker.tryAcquire(cbPolicy)) {
                return new Tried(null, new ModelException("circuit breaker open after repeated failures; calls resume in "
                        + Math.max(1, breaker.remainingOpenMillis(cbPolicy)) + " ms", 503), false);
            }
            long attemptNanos = policy.attemptTimeout() == null ? remaining : Math.min(remaining, policy.attemptTimeout().toNanos());
            Attempts.Outcome outcome;
            try {
                outcome = attempts.run(model, request, onToken, attemptNanos, policy.firstTokenTimeout().toNanos(), upstream.toString());
            } catch (RuntimeException e) {
                if (breaker != null) {
                    breaker.onIgnored();
                }
                throw e;
            }
            if (outcome.response() != null) {
                if (breaker != null) {
                    breaker.onSuccess(cbPolicy);
                }
                return new Tried(outcome.response(), null, outcome.streamed());
            }
            failure = outcome.failure();
            boolean retryable = retryable(failure);
            if (breaker != null) {
                if (retryable) {
                    breaker.onFailure(cbPolicy);
                } else {
                    breaker.onSuccess(cbPolicy);
                }
            }
            if (outcome.streamed() || !retryable || attempt >= policy.retry().maxRetries()) {
                return new Tried(null, failure, outcome.streamed());
            }
            long delay = backoffNanos(policy.retry(), attempt, failure.retryAfter());
            if (nanoClock.getAsLong() + delay - deadline >= 0) {
                return new Tried(null, failure, false);
            }
            sleep(delay);
        }
    }

    /** Whether a failed attempt may succeed when repeated: 408, 409, 425, 429, 5xx, and failures without a status (connection, timeout). */
    static boolean retryable(ModelException e) {
        if (e instanceof BudgetExceededException) {
            return false;
        }
        int s = e.status();
        return s == 0 || s == 408 || s == 409 || s == 425 || s == 429 || s >= 500;
    }

    /** Full jitter: random in [0, min(max, base × 2^attempt)], but at least Retry-After (capped at maxRetryAfter). */
    static long backoffNanos(GatewayPolicy.Retry retry, int attempt, Duration retryAfter) {
        long cap = retry.maxDelay().toNanos();
        long exp = attempt >= 62 ? cap : Math.min(cap, retry.baseDelay().toNanos() << Math.min(attempt, 40));
        long delay = exp <= 0 ? 0 : ThreadLocalRandom.current().nextLong(exp + 1);
        if (retryAfter != null && !retryAfter.isNegative()) {
            delay = Math.max(delay, Math.min(retryAfter.toNanos(), retry.maxRetryAfter().toNanos()));
        }
        return delay;
    }

    private List<Upstream> candidates(GatewayPolicy policy, String provider, String model) {
        List<Upstream> out = new ArrayList<>();
        List<WeightedUpstream> members = policy.loadBalance();
        if (members.isEmpty()) {
            out.add(new Upstream(provider, model));
        } else {
            int picked = balancers.computeIfAbsent(members, SmoothWeightedRoundRobin::new).pick();
            out.add(members.get(picked).upstream());
            members.stream().filter(m -> m != members.get(picked))
                    .sorted(Comparator.comparingInt(WeightedUpstream::weight).reversed())
                    .map(WeightedUpstream::upstream).filter(u -> !out.contains(u)).forEach(out::add);
        }
        for (Upstream u : policy.fallbacks()) {
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        return out;
    }

    private ChatResponse price(CallScope scope, Upstream upstream, ChatRequest sent, ChatResponse response) {
        String model = upstream.model() != null ? upstream.model() : sent.model();
        TokenUsage usage = response.usage();
        if (usage == null || usage.totalTokens() == 0) {
            usage = TokenEstimator.estimate(model, sent.messages(), response.text() == null ? "" : response.text());
        }
        CallCost cost = catalog == null || model == null ? CallCost.UNPRICED : catalog.price(scope.workspaceId(), model, usage);
        return response.withUsageAndCost(usage, cost);
    }

    private SemanticCache.Lookup semanticLookup(CallScope scope, String provider, String model, ChatRequest request,
            GatewayPolicy policy) {
        String namespace = SemanticCache.namespace(scope.workspaceId(), provider, model, request);
        if (namespace == null) {
            return null;
        }
        float[] vector = embedder.get().embed(SemanticCache.question(request));
        return semanticCache.find(namespace, vector, policy.semanticCache().threshold());
    }

    private static ChatResponse replay(ChatResponse hit, Consumer<String> onToken) {
        if (onToken != null && hit.text() != null && !hit.text().isEmpty()) {
            onToken.accept(hit.text());
        }
        return hit.withUsageAndCost(TokenUsage.NONE, CallCost.FREE);
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the model call was stopped while waiting to retry");
        }
    }

    /** The breaker state of an upstream, for tests and the settings view. */
    public CircuitBreaker.State breakerState(String provider, String model, GatewayPolicy policy) {
        CircuitBreaker b = breakers.get(new Upstream(provider, model));
        return b == null ? CircuitBreaker.State.CLOSED : b.state(policy.complete().circuitBreaker());
    }

    /** Attempt threads still running (abandoned ones finish as their clients notice the interrupt). */
    public int inFlightAttempts() {
        return attempts.inFlight();
    }

    /** Forgets cached responses (the settings view's "clear cache"). */
    public void clearCaches() {
        cache.clear();
    }

    @Override
    public void close() {
        attempts.close();
    }
}
