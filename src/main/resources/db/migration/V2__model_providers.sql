-- Model provider credentials (Weft: dev.weft.model.provider). Portable between H2 and PostgreSQL.
-- No foreign keys: workspace_id refers to workspace(id) by convention only.
-- The API key is stored only as SecretCipher ciphertext ("v1:" + base64).
CREATE TABLE model_provider (
    id                 VARCHAR(36)    NOT NULL PRIMARY KEY,
    workspace_id       VARCHAR(36),
    name               VARCHAR(100)   NOT NULL,
    provider_type      VARCHAR(40)    NOT NULL,
    base_url           VARCHAR(500)   NOT NULL,
    api_key_ciphertext VARCHAR(2000),
    default_model      VARCHAR(200),
    config_json        VARCHAR(10000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Names are unique within a workspace; for workspace_id NULL the service checks it (NULLs never collide here).
CREATE UNIQUE INDEX ux_model_provider_workspace_name ON model_provider (workspace_id, name);
