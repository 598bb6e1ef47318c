-- Workspace default models (Weft: dev.weft.model.defaults): one row per workspace and model type (chat, embedding,
-- rerank). provider_id names a model_provider row by id, or is NULL for a model that runs inside Weft (local
-- embeddings). No foreign keys, as in V2: the service removes defaults whose provider is deleted.
CREATE TABLE workspace_default_model (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(36)  NOT NULL,
    model_type   VARCHAR(20)  NOT NULL,
    provider_id  VARCHAR(36),
    model        VARCHAR(200) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE UNIQUE INDEX ux_workspace_default_model_type ON workspace_default_model (workspace_id, model_type);
