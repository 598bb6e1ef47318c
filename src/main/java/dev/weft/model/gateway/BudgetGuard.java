package dev.weft.model.gateway;

import dev.weft.model.CallCost;
import dev.weft.model.TokenUsage;

/** Budgets and rate limits of model calls: checked before a call, charged after it. */
public interface BudgetGuard {

    /** No budgets. */
    BudgetGuard NONE = new BudgetGuard() {
        @Override
        public void check(CallScope scope) {}

        @Override
        public void charge(CallScope scope, TokenUsage usage, CallCost cost) {}
    };

    /** Throws {@link BudgetExceededException} when a budget of the scope is spent. */
    void check(CallScope scope) throws BudgetExceededException;

    /** Counts a finished call against the scope's budgets. */
    void charge(CallScope scope, TokenUsage usage, CallCost cost);
}
