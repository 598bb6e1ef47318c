package dev.weft.model.gateway;

import dev.weft.model.ModelException;
import java.time.Duration;

/**
 * A model call refused because a budget is spent. The message says which budget (the workspace's or an app
 * API key's, tokens per minute or cost per month), its limit, what was spent and when it resets; status 429
 * and {@link #retryAfter()} the time until then.
 */
public class BudgetExceededException extends ModelException {

    public BudgetExceededException(String message, Duration untilReset) {
        super(message, 429, untilReset);
    }
}
