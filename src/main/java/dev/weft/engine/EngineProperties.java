package dev.weft.engine;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the engine, under {@code weft.engine.*}: a run's wall-clock limit and step limit (Dify's
 * WORKFLOW_MAX_EXECUTION_TIME and _STEPS) and the default limit of one node, which a node's
 * {@code timeout_seconds} overrides.
 */
@ConfigurationProperties("weft.engine")
public record EngineProperties(Duration runTimeout, Duration nodeTimeout, Integer maxSteps) {

    public EngineProperties {
        runTimeout = runTimeout == null ? Duration.ofSeconds(1200) : runTimeout;
        nodeTimeout = nodeTimeout == null ? Duration.ofSeconds(600) : nodeTimeout;
        maxSteps = maxSteps == null ? 500 : maxSteps;
    }

    public static EngineProperties defaults() {
        return new EngineProperties(null, null, null);
    }
}
