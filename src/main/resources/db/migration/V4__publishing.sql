-- Publishing: Service API keys, per-app publishing settings (API switch, limits, CORS), uploaded files and
-- message feedback. Runs unchanged on H2 2.x and PostgreSQL 15+.

-- An app key is shown once; only its SHA-256 (hex) is kept, with a short hint to tell keys apart.
CREATE TABLE app_api_key (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    app_id       VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    token_hash   VARCHAR(64)              NOT NULL,
    token_hint   VARCHAR(32)              NOT NULL,
    created_by   VARCHAR(36),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_app_api_key_hash UNIQUE (token_hash)
);
CREATE INDEX ix_app_api_key_app ON app_api_key (app_id);

-- 0 in a limit means no limit; cors_origins holds one origin per line.
CREATE TABLE app_publish_settings (
    app_id              VARCHAR(36)              NOT NULL PRIMARY KEY REFERENCES app (id) ON DELETE CASCADE,
    api_enabled         BOOLEAN                  NOT NULL,
    requests_per_minute INTEGER                  NOT NULL,
    max_concurrent_runs INTEGER                  NOT NULL,
    cors_origins        VARCHAR(4000),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Files sent to an app through POST /v1/files/upload; the bytes live under the data directory's uploads/.
CREATE TABLE upload_file (
    id         VARCHAR(36)              NOT NULL PRIMARY KEY,
    app_id     VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    name       VARCHAR(255)             NOT NULL,
    size_bytes BIGINT                   NOT NULL,
    extension  VARCHAR(32)              NOT NULL,
    mime_type  VARCHAR(255)             NOT NULL,
    created_by VARCHAR(255)             NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_upload_file_app ON upload_file (app_id, created_at);

-- One rating per message and end user; message_id is a chat message or, for completion apps, a run id.
CREATE TABLE message_feedback (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    app_id      VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    message_id  VARCHAR(64)              NOT NULL,
    end_user_id VARCHAR(255)             NOT NULL,
    rating      VARCHAR(16)              NOT NULL,
    content     VARCHAR(4000),
    from_source VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_message_feedback UNIQUE (message_id, end_user_id)
);
CREATE INDEX ix_message_feedback_app ON message_feedback (app_id, created_at);
