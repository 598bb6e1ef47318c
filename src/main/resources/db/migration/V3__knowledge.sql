-- Knowledge bases: datasets, their documents (which double as the persisted indexing queue) and chunks.
-- The Lucene index under the data directory is derived from these rows and the stored source files.

CREATE TABLE dataset (
    id                 VARCHAR(36)              NOT NULL PRIMARY KEY,
    workspace_id       VARCHAR(36)              NOT NULL REFERENCES workspace (id),
    name               VARCHAR(255)             NOT NULL,
    description        VARCHAR(4000),
    permission         VARCHAR(32)              NOT NULL,
    embedding_model    VARCHAR(255)             NOT NULL,
    chunk_settings     VARCHAR                  NOT NULL,
    retrieval_settings VARCHAR                  NOT NULL,
    created_by         VARCHAR(36),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_dataset_name UNIQUE (workspace_id, name)
);

-- members who may use a dataset whose permission is partial_members
CREATE TABLE dataset_member (
    dataset_id VARCHAR(36) NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    account_id VARCHAR(36) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    PRIMARY KEY (dataset_id, account_id)
);

-- status: waiting, parsing, cleaning, splitting, indexing, completed, error, paused.
-- Rows whose status is waiting..indexing are the indexing queue; after a crash they resume.
CREATE TABLE kb_document (
    id              VARCHAR(36)              NOT NULL PRIMARY KEY,
    dataset_id      VARCHAR(36)              NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    position        INTEGER                  NOT NULL,
    name            VARCHAR(255)             NOT NULL,
    source_type     VARCHAR(32)              NOT NULL,
    source_url      VARCHAR(2048),
    file_path       VARCHAR(1024),
    content_type    VARCHAR(255),
    size_bytes      BIGINT                   NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    error           VARCHAR(4000),
    enabled         BOOLEAN                  NOT NULL,
    metadata        VARCHAR,
    word_count      INTEGER                  NOT NULL,
    token_count     INTEGER                  NOT NULL,
    chunks_total    INTEGER                  NOT NULL,
    chunks_done     INTEGER                  NOT NULL,
    attempts        INTEGER                  NOT NULL,
    created_by      VARCHAR(36),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    queued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    completed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_kb_document_dataset ON kb_document (dataset_id, position);
CREATE INDEX ix_kb_document_status ON kb_document (status, queued_at);

-- kind: chunk (general mode), parent or child (parent-child mode). chunk and child rows are embedded;
-- indexed says the row is in a committed Lucene commit.
CREATE TABLE kb_chunk (
    id           VARCHAR(36)              NOT NULL PRIMARY KEY,
    dataset_id   VARCHAR(36)              NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    document_id  VARCHAR(36)              NOT NULL REFERENCES kb_document (id) ON DELETE CASCADE,
    parent_id    VARCHAR(36),
    kind         VARCHAR(8)               NOT NULL,
    position     INTEGER                  NOT NULL,
    content      VARCHAR                  NOT NULL,
    token_count  INTEGER                  NOT NULL,
    word_count   INTEGER                  NOT NULL,
    enabled      BOOLEAN                  NOT NULL,
    indexed      BOOLEAN                  NOT NULL,
    hit_count    INTEGER                  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_kb_chunk_document ON kb_chunk (document_id, kind, position);
CREATE INDEX ix_kb_chunk_pending ON kb_chunk (document_id, indexed);
CREATE INDEX ix_kb_chunk_parent ON kb_chunk (parent_id);

-- the knowledge a chat message's answer drew on (Dify's retriever_resources), as JSON
ALTER TABLE message ADD COLUMN retriever_resources VARCHAR;
