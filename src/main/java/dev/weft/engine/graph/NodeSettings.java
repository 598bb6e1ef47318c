package dev.weft.engine.graph;

import java.time.Duration;
import java.util.List;

/**
 * The settings every node may carry in its {@code data}, whatever its type: Dify's {@code retry_config},
 * {@code error_strategy} and {@code default_value}, plus Weft's {@code timeout_seconds}.
 */
public record NodeSettings(
        RetryConfig retryConfig,
        String errorStrategy,
        List<DefaultValue> defaultValue,
        Double timeoutSeconds) {

    public static final String FAIL_BRANCH = "fail-branch";
    public static final String SUCCESS_BRANCH = "success-branch";
    public static final String DEFAULT_VALUE = "default-value";

    public NodeSettings {
        defaultValue = defaultValue == null ? List.of() : defaultValue;
    }

    public int maxRetries() {
        return retryConfig != null && retryConfig.retryEnabled() ? Math.max(0, retryConfig.maxRetries()) : 0;
    }

    public Duration retryInterval() {
        return Duration.ofMillis(retryConfig == null ? 0 : Math.max(0, retryConfig.retryInterval()));
    }

    public boolean failBranch() {
        return FAIL_BRANCH.equals(errorStrategy);
    }

    public boolean defaultValueOnError() {
        return DEFAULT_VALUE.equals(errorStrategy);
    }

    /** {@code retry_interval} is in milliseconds. */
    public record RetryConfig(boolean retryEnabled, int maxRetries, long retryInterval) {}

    /** One output to set when the node fails under {@code default-value}. */
    public record DefaultValue(String key, String type, Object value) {}
}
