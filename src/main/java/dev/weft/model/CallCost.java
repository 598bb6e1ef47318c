package dev.weft.model;

import java.math.BigDecimal;

/**
 * What one model call cost, priced from the model catalogue: {@code inputPrice} for the prompt tokens,
 * {@code outputPrice} for the completion tokens, in {@code currency}. {@code priced} is false when the
 * catalogue does not know the model, in which case both prices are zero.
 */
public record CallCost(BigDecimal inputPrice, BigDecimal outputPrice, String currency, boolean priced) {

    public static final String USD = "USD";

    /** A call that cost nothing: a cache hit, or a model the catalogue has no price for. */
    public static final CallCost FREE = new CallCost(BigDecimal.ZERO, BigDecimal.ZERO, USD, true);

    public static final CallCost UNPRICED = new CallCost(BigDecimal.ZERO, BigDecimal.ZERO, USD, false);

    public CallCost {
        inputPrice = inputPrice == null ? BigDecimal.ZERO : inputPrice;
        outputPrice = outputPrice == null ? BigDecimal.ZERO : outputPrice;
        currency = currency == null ? USD : currency;
    }

    public BigDecimal totalPrice() {
        return inputPrice.add(outputPrice);
    }
}
