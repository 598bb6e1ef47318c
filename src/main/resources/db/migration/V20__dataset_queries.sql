-- Retrieval history (Dify's dataset_queries): every retrieval test (source hit_testing, by an account) and every
-- search of a knowledge retrieval node (source app, with the app and the run) on a dataset, with the settings used,
-- how many hits it found and how long it took. Deleting the dataset deletes its history.
CREATE TABLE dataset_query (
    id                 VARCHAR(36)              NOT NULL PRIMARY KEY,
    dataset_id         VARCHAR(36)              NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    content            VARCHAR                  NOT NULL,
    source             VARCHAR(16)              NOT NULL,
    source_app_id      VARCHAR(36),
    source_run_id      VARCHAR(64),
    retrieval_settings VARCHAR                  NOT NULL,
    hit_count          INTEGER                  NOT NULL,
    elapsed_ms         BIGINT                   NOT NULL,
    created_by         VARCHAR(36),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_dataset_query_dataset ON dataset_query (dataset_id, created_at);
