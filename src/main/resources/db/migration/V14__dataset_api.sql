-- The Knowledge (dataset) Service API: workspace-wide dataset keys, per-dataset metadata field definitions
-- (documents keep their values in kb_document.metadata, keyed by field name) and Dify's archived documents.

CREATE TABLE dataset_api_key (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(36)              NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    token_hash   VARCHAR(64)              NOT NULL,
    token_hint   VARCHAR(40)              NOT NULL,
    created_by   VARCHAR(36),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_dataset_api_key_hash UNIQUE (token_hash)
);
CREATE INDEX ix_dataset_api_key_workspace ON dataset_api_key (workspace_id);

-- type: string, number or time (Dify's metadata field types)
CREATE TABLE kb_metadata_field (
    id         VARCHAR(36)              NOT NULL PRIMARY KEY,
    dataset_id VARCHAR(36)              NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    name       VARCHAR(255)             NOT NULL,
    type       VARCHAR(16)              NOT NULL,
    created_by VARCHAR(36),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_kb_metadata_field_name UNIQUE (dataset_id, name)
);

-- an archived document stays listed but is left out of retrieval and cannot be edited until un-archived
ALTER TABLE kb_document ADD COLUMN archived BOOLEAN DEFAULT FALSE NOT NULL;
