-- Weft core schema. Runs unchanged on H2 2.x and PostgreSQL 15+.
-- Ids are UUID strings. JSON is kept as text in VARCHAR columns without a length
-- (unbounded in PostgreSQL, the maximum in H2), so both databases report VARCHAR.

CREATE TABLE workspace (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    name        VARCHAR(255)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE account (
    id            VARCHAR(36)              NOT NULL PRIMARY KEY,
    workspace_id  VARCHAR(36)              NOT NULL REFERENCES workspace (id),
    email         VARCHAR(320)             NOT NULL,
    display_name  VARCHAR(255)             NOT NULL,
    password_hash VARCHAR(100)             NOT NULL,
    role          VARCHAR(16)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_account_email UNIQUE (email)
);
CREATE INDEX ix_account_workspace ON account (workspace_id);

CREATE TABLE app (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(36)              NOT NULL REFERENCES workspace (id),
    name         VARCHAR(255)             NOT NULL,
    mode         VARCHAR(32)              NOT NULL,
    description  VARCHAR(4000),
    icon         VARCHAR(255),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_app_workspace ON app (workspace_id);

-- version 0 is the app's one editable draft; published versions are 1, 2, 3... and never change.
CREATE TABLE app_version (
    id            VARCHAR(36)              NOT NULL PRIMARY KEY,
    app_id        VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    version       INTEGER                  NOT NULL,
    definition    VARCHAR                  NOT NULL,
    name          VARCHAR(255),
    release_notes VARCHAR(4000),
    created_by    VARCHAR(36),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_app_version UNIQUE (app_id, version)
);

CREATE TABLE conversation (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    app_id       VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    end_user_id  VARCHAR(255)             NOT NULL,
    name         VARCHAR(255)             NOT NULL,
    inputs       VARCHAR,
    variables    VARCHAR,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_conversation_app_user ON conversation (app_id, end_user_id, updated_at);

CREATE TABLE workflow_run (
    id              VARCHAR(64)              NOT NULL PRIMARY KEY,
    app_id          VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    app_version_id  VARCHAR(36)              REFERENCES app_version (id) ON DELETE SET NULL,
    mode            VARCHAR(32)              NOT NULL,
    status          VARCHAR(32)              NOT NULL,
    inputs          VARCHAR,
    outputs         VARCHAR,
    error           VARCHAR,
    elapsed_ms      BIGINT                   NOT NULL,
    total_tokens    BIGINT                   NOT NULL,
    total_steps     INTEGER                  NOT NULL,
    created_by_role VARCHAR(16)              NOT NULL,
    created_by      VARCHAR(255),
    conversation_id VARCHAR(36)              REFERENCES conversation (id) ON DELETE SET NULL,
    message_id      VARCHAR(36),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_workflow_run_app ON workflow_run (app_id, created_at);
CREATE INDEX ix_workflow_run_version ON workflow_run (app_version_id);
CREATE INDEX ix_workflow_run_conversation ON workflow_run (conversation_id);

CREATE TABLE node_run (
    id                  VARCHAR(36)              NOT NULL PRIMARY KEY,
    workflow_run_id     VARCHAR(64)              NOT NULL REFERENCES workflow_run (id) ON DELETE CASCADE,
    execution_id        VARCHAR(64)              NOT NULL,
    node_id             VARCHAR(255)             NOT NULL,
    node_type           VARCHAR(64),
    title               VARCHAR(255),
    execution_index     INTEGER                  NOT NULL,
    predecessor_node_id VARCHAR(255),
    iteration_id        VARCHAR(255),
    iteration_index     INTEGER,
    status              VARCHAR(32)              NOT NULL,
    inputs              VARCHAR,
    process_data        VARCHAR,
    outputs             VARCHAR,
    error               VARCHAR,
    elapsed_ms          BIGINT                   NOT NULL,
    prompt_tokens       BIGINT                   NOT NULL,
    completion_tokens   BIGINT                   NOT NULL,
    total_tokens        BIGINT                   NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at         TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_node_run_run ON node_run (workflow_run_id, execution_index);

CREATE TABLE message (
    id              VARCHAR(36)              NOT NULL PRIMARY KEY,
    conversation_id VARCHAR(36)              NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    app_id          VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    query           VARCHAR                  NOT NULL,
    answer          VARCHAR,
    inputs          VARCHAR,
    workflow_run_id VARCHAR(64),
    status          VARCHAR(16)              NOT NULL,
    error           VARCHAR,
    total_tokens    BIGINT                   NOT NULL,
    latency_ms      BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_message_conversation ON message (conversation_id, created_at);
CREATE INDEX ix_message_app ON message (app_id);
CREATE INDEX ix_message_run ON message (workflow_run_id);
