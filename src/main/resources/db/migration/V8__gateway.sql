-- Model gateway (Weft: dev.weft.model.gateway). Policies for a workspace or an app (a node's lives in its
-- config JSON), budgets for a workspace or an app API key, and the spend counted against monthly budgets.
-- No foreign keys, as in V2/V5: scope_id names a workspace, app or app_api_key row by id, and the services
-- ignore rows whose owner is gone.
CREATE TABLE gateway_policy (
    scope_type   VARCHAR(16)              NOT NULL,
    scope_id     VARCHAR(36)              NOT NULL,
    policy_json  VARCHAR                  NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope_type, scope_id)
);

CREATE TABLE gateway_budget (
    scope_type        VARCHAR(16)              NOT NULL,
    scope_id          VARCHAR(36)              NOT NULL,
    tokens_per_minute BIGINT,
    cost_per_month    NUMERIC(20, 6),
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope_type, scope_id)
);

-- period: the calendar month in UTC, 'YYYY-MM'.
CREATE TABLE gateway_spend (
    scope_type VARCHAR(16)    NOT NULL,
    scope_id   VARCHAR(36)    NOT NULL,
    period     VARCHAR(7)     NOT NULL,
    cost       NUMERIC(24, 10) NOT NULL,
    tokens     BIGINT         NOT NULL,
    PRIMARY KEY (scope_type, scope_id, period)
);

-- What model calls cost, priced from the model catalogue (dev.weft.model.catalog), as Dify's usage
-- metadata has total_price and currency.
ALTER TABLE node_run ADD COLUMN total_price NUMERIC(24, 10) DEFAULT 0 NOT NULL;
ALTER TABLE node_run ADD COLUMN currency VARCHAR(8) DEFAULT 'USD' NOT NULL;
ALTER TABLE workflow_run ADD COLUMN total_price NUMERIC(24, 10) DEFAULT 0 NOT NULL;
ALTER TABLE workflow_run ADD COLUMN currency VARCHAR(8) DEFAULT 'USD' NOT NULL;
