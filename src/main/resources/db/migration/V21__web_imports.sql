-- Web imports (one page or a crawl into a dataset), kept so their progress survives a restart.
-- status: running, completed, error or interrupted (Weft stopped while it ran; it can be started again).
-- options and summary are JSON (CrawlOptions, CrawlSummary). Deleting the dataset deletes its imports.
CREATE TABLE kb_web_import (
    id            VARCHAR(36)              NOT NULL PRIMARY KEY,
    dataset_id    VARCHAR(36)              NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    options       VARCHAR                  NOT NULL,
    status        VARCHAR(16)              NOT NULL,
    pages_added   INTEGER                  NOT NULL,
    pages_failed  INTEGER                  NOT NULL,
    pages_skipped INTEGER                  NOT NULL,
    summary       VARCHAR,
    error         VARCHAR(4000),
    created_by    VARCHAR(36),
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_kb_web_import_dataset ON kb_web_import (dataset_id, started_at);
CREATE INDEX ix_kb_web_import_status ON kb_web_import (status);

-- the web import a page's document came from, so that starting an import again skips the pages it already added
ALTER TABLE kb_document ADD COLUMN web_import_id VARCHAR(36);
CREATE INDEX ix_kb_document_web_import ON kb_document (web_import_id);
