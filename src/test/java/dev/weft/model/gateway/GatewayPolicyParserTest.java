package dev.weft.model.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayPolicyParserTest {

    private static final String FULL = """
            {"timeout_seconds": 60, "first_token_timeout_seconds": 10, "attempt_timeout_seconds": 20,
             "retry": {"max_retries": 4, "base_delay_seconds": 0.25, "max_delay_seconds": 4, "max_retry_after_seconds": 15},
             "fallbacks": [{"provider": "anthropic", "model": "claude-3-5-haiku-latest"}, {"provider": "ollama"}],
             "load_balance": [{"provider": "key-a", "model": "gpt-4o-mini", "weight": 3}, {"provider": "key-b"}],
             "circuit_breaker": {"enabled": true, "window": 30, "min_calls": 5, "failure_rate": 0.6, "cool_down_seconds": 12},
             "cache": {"ttl_seconds": 120, "max_entries": 50},
             "semantic_cache": {"enabled": false, "threshold": 0.9}}
            """;

    @Test
    void readsEveryFieldAndWritesItBack() {
        GatewayPolicy p = GatewayPolicyParser.parse(FULL, "model.gateway");
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.attemptTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.retry()).isEqualTo(new GatewayPolicy.Retry(4, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(15)));
        assertThat(p.fallbacks()).containsExactly(new GatewayPolicy.Upstream("anthropic", "claude-3-5-haiku-latest"),
                new GatewayPolicy.Upstream("ollama", null));
        assertThat(p.loadBalance()).containsExactly(new GatewayPolicy.WeightedUpstream("key-a", "gpt-4o-mini", 3),
                new GatewayPolicy.WeightedUpstream("key-b", null, 1));
        assertThat(p.circuitBreaker()).isEqualTo(new GatewayPolicy.CircuitBreakerPolicy(true, 30, 5, 0.6, Duration.ofSeconds(12)));
        assertThat(p.cache()).as("a cache object turns the cache on unless it says otherwise")
                .isEqualTo(new GatewayPolicy.CachePolicy(true, Duration.ofSeconds(120), 50));
        assertThat(p.semanticCache().enabled()).isFalse();
        assertThat(p.semanticCache().ttl()).as("missing nested fields take the defaults").isEqualTo(GatewayPolicy.DEFAULT_SEMANTIC_CACHE.ttl());

        assertThat(GatewayPolicyParser.parse(GatewayPolicyParser.toJson(p), "x")).isEqualTo(p);
        assertThat(GatewayPolicyParser.parse("", "x")).isEqualTo(GatewayPolicy.EMPTY);
        assertThat(GatewayPolicyParser.toJson(GatewayPolicy.EMPTY)).isEqualTo("{}");
    }

    @Test
    void laterLevelsOverrideFieldByField() {
        GatewayPolicy workspace = GatewayPolicyParser.parse("{\"timeout_seconds\": 10, \"retry\": {\"max_retries\": 1}}", "w");
        GatewayPolicy app = GatewayPolicyParser.parse("{\"timeout_seconds\": 20, \"fallbacks\": [{\"provider\": \"b\"}]}", "a");
        GatewayPolicy node = GatewayPolicyParser.parse("{\"fallbacks\": []}", "n");
        GatewayPolicy effective = GatewayPolicy.DEFAULTS.overriddenBy(workspace).overriddenBy(app).overriddenBy(node);
        assertThat(effective.timeout()).hasSeconds(20);
        assertThat(effective.retry().maxRetries()).isEqualTo(1);
        assertThat(effective.fallbacks()).as("a node can clear the app's fallbacks").isEmpty();
        assertThat(effective.firstTokenTimeout()).isEqualTo(GatewayPolicy.DEFAULTS.firstTokenTimeout());
        assertThat(GatewayPolicy.EMPTY.complete()).isEqualTo(GatewayPolicy.DEFAULTS);
    }

    @Test
    void malformedPoliciesNameTheFieldAndTheFix() {
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{\"retry\": {\"max_retries\": \"three\"}}", "model.gateway"))
                .isInstanceOf(GatewayPolicyException.class)
                .hasMessage("gateway policy field model.gateway.retry.max_retries: must be a whole number from 0 to 20, got \"three\"")
                .extracting(e -> ((GatewayPolicyException) e).field()).isEqualTo("model.gateway.retry.max_retries");
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{\"timeout\": 5}", "model.gateway"))
                .hasMessageContaining("model.gateway.timeout: unknown field; known fields are")
                .hasMessageContaining("timeout_seconds");
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{\"timeout_seconds\": -1}", "model.gateway"))
                .hasMessageContaining("model.gateway.timeout_seconds: must be a number of seconds above 0");
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{\"fallbacks\": [{\"model\": \"gpt-4o\"}]}", "model.gateway"))
                .hasMessageContaining("model.gateway.fallbacks[0].provider: is required");
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{\"load_balance\": [{\"provider\": \"a\", \"weight\": 0}]}", "model.gateway"))
                .hasMessageContaining("model.gateway.load_balance[0].weight: must be a whole number from 1 to");
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{\"semantic_cache\": {\"threshold\": 1.5}}", "model.gateway"))
                .hasMessageContaining("model.gateway.semantic_cache.threshold: must be a number above 0 and at most 1, got 1.5");
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{\"cache\": true}", "model.gateway"))
                .hasMessageContaining("model.gateway.cache: must be a JSON object, got true");
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{\"retry\": {\"base_delay_seconds\": 2, \"max_delay_seconds\": 1}}", "g"))
                .hasMessageContaining("g.retry.max_delay_seconds: must not be shorter than base_delay_seconds");
        assertThatThrownBy(() -> GatewayPolicyParser.parse("{oops", "gateway"))
                .hasMessageStartingWith("gateway policy field gateway: not valid JSON");
    }
}
