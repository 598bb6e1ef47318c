-- Annotations: curated question/answer pairs of an app, replayed as the answer when a chat question is close
-- enough to an annotated one (Dify's annotation reply). Embeddings are little-endian float32 vectors, base64.
CREATE TABLE app_annotation (
    id              VARCHAR(36)              NOT NULL PRIMARY KEY,
    app_id          VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    question        VARCHAR                  NOT NULL,
    answer          VARCHAR                  NOT NULL,
    hit_count       INTEGER                  NOT NULL,
    embedding       VARCHAR,
    embedding_model VARCHAR(255),
    created_by      VARCHAR(255),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_app_annotation_app ON app_annotation (app_id, created_at);

-- Whether an app replies from its annotations, how close a question must be, and with which embedding model.
CREATE TABLE app_annotation_setting (
    app_id                  VARCHAR(36)              NOT NULL PRIMARY KEY REFERENCES app (id) ON DELETE CASCADE,
    enabled                 BOOLEAN                  NOT NULL,
    score_threshold         DOUBLE PRECISION         NOT NULL,
    embedding_provider_name VARCHAR(255),
    embedding_model_name    VARCHAR(255),
    embedding_model         VARCHAR(255)             NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Each time an annotation answered a question: which message it answered and how close the question was.
CREATE TABLE app_annotation_hit (
    id            VARCHAR(36)              NOT NULL PRIMARY KEY,
    annotation_id VARCHAR(36)              NOT NULL REFERENCES app_annotation (id) ON DELETE CASCADE,
    app_id        VARCHAR(36)              NOT NULL REFERENCES app (id) ON DELETE CASCADE,
    message_id    VARCHAR(36),
    question      VARCHAR                  NOT NULL,
    score         DOUBLE PRECISION         NOT NULL,
    end_user_id   VARCHAR(255),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_app_annotation_hit_annotation ON app_annotation_hit (annotation_id, created_at);
