package dev.weft.model.gateway;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The stored gateway policy of a workspace or an app (table {@code gateway_policy}), as the JSON {@link GatewayPolicyParser} reads. */
@Entity
@Table(name = "gateway_policy")
@IdClass(GatewayPolicySetting.Key.class)
class GatewayPolicySetting {

    record Key(PolicyScope scopeType, String scopeId) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "scope_type", length = 16)
    private PolicyScope scopeType;

    @Id
    @Column(name = "scope_id", length = 36)
    private String scopeId;

    @Column(name = "policy_json", nullable = false)
    private String policyJson;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected GatewayPolicySetting() {}

    GatewayPolicySetting(PolicyScope scopeType, String scopeId) {
        this.scopeType = scopeType;
        this.scopeId = scopeId;
    }

    String getPolicyJson() {
        return policyJson;
    }

    void setPolicyJson(String json) {
        this.policyJson = json;
        this.updatedAt = Instant.now();
    }
}
