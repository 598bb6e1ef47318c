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
import java.time.Instant;

/** The budgets of a workspace or an app API key (table {@code gateway_budget}); a null limit is no limit. */
@Entity
@Table(name = "gateway_budget")
@IdClass(GatewayBudget.Key.class)
public class GatewayBudget {

    record Key(BudgetScope scopeType, String scopeId) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "scope_type", length = 16)
    private BudgetScope scopeType;

    @Id
    @Column(name = "scope_id", length = 36)
    private String scopeId;

    @Column(name = "tokens_per_minute")
    private Long tokensPerMinute;

    @Column(name = "cost_per_month", precision = 20, scale = 6)
    private BigDecimal costPerMonth;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GatewayBudget() {}

    GatewayBudget(BudgetScope scopeType, String scopeId) {
        this.scopeType = scopeType;
        this.scopeId = scopeId;
    }

    void set(Long tokens, BigDecimal cost) {
        this.tokensPerMinute = tokens;
        this.costPerMonth = cost;
        this.updatedAt = Instant.now();
    }

    public BudgetScope getScopeType() {
        return scopeType;
    }

    public String getScopeId() {
        return scopeId;
    }

    public Long getTokensPerMinute() {
        return tokensPerMinute;
    }

    public BigDecimal getCostPerMonth() {
        return costPerMonth;
    }
}
