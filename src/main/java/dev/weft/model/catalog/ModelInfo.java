package dev.weft.model.catalog;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What the catalogue knows of one model: its token family (how its tokens are counted), context window in
 * tokens (null when unknown), prices in USD per million input and output tokens, and capabilities
 * ({@value #TOOLS}, {@value #VISION}, {@value #JSON}). {@code source} is {@value #SHIPPED} or {@value #WORKSPACE}.
 */
public record ModelInfo(String model, String family, Integer contextWindow, BigDecimal inputPricePerMillion,
        BigDecimal outputPricePerMillion, Set<String> capabilities, String source) {

    public static final String TOOLS = "tools";
    public static final String VISION = "vision";
    public static final String JSON = "json";
    public static final Set<String> CAPABILITIES = Set.of(TOOLS, VISION, JSON);

    public static final String SHIPPED = "catalogue";
    public static final String WORKSPACE = "workspace";

    public ModelInfo {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("a catalogue entry needs a model name");
        }
        model = model.strip();
        family = family == null || family.isBlank() ? TokenEstimator.family(model) : family;
        inputPricePerMillion = requireNonNegative(inputPricePerMillion, "input price per million tokens", model);
        outputPricePerMillion = requireNonNegative(outputPricePerMillion, "output price per million tokens", model);
        if (contextWindow != null && contextWindow <= 0) {
            throw new IllegalArgumentException("the context window of '" + model + "' must be a positive number of tokens, got " + contextWindow);
        }
        capabilities = capabilities == null ? Set.of() : Set.copyOf(capabilities);
        for (String c : capabilities) {
            if (!CAPABILITIES.contains(c)) {
                throw new IllegalArgumentException("unknown capability '" + c + "' of '" + model + "'; use tools, vision or json");
            }
        }
    }

    public boolean supports(String capability) {
        return capabilities.contains(capability);
    }

    private static BigDecimal requireNonNegative(BigDecimal value, String what, String model) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("the " + what + " of '" + model + "' must not be negative, got " + value);
        }
        return value;
    }
}
