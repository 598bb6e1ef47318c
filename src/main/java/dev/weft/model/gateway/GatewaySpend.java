package dev.weft.model.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;

/** What a workspace or an app API key spent on model calls in one calendar month (UTC), table {@code gateway_spend}. */
@Entity
@Table(name = "gateway_spend")
@IdClass(GatewaySpend.Key.class)
class GatewaySpend {

    record Key(BudgetScope scopeType, String scopeId, String period) implements Serializable {
        Key() {
            this(null, null, null);
        }
    }

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "scope_type", length = 16)
    private BudgetScope scopeType;

    @Id
    @Column(name = "scope_id", length = 36)
    private String scopeId;

    @Id
    @Column(length = 7)
    private String period;

    @Column(nullable = false, precision = 24, scale = 10)
    private BigDecimal cost;

    @Column(nullable = false)
    private long tokens;

    protected GatewaySpend() {}

    GatewaySpend(Key key) {
        this.scopeType = key.scopeType();
        this.scopeId = key.scopeId();
        this.period = key.period();
        this.cost = BigDecimal.ZERO;
    }

    BigDecimal getCost() {
        return cost;
    }

    long getTokens() {
        return tokens;
    }

    void set(BigDecimal newCost, long newTokens) {
        this.cost = newCost;
        this.tokens = newTokens;
    }
}
