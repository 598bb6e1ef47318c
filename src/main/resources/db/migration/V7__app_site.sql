-- The public web app of an app: its share token (/chat/{token}, /chatbot/{token}) and whether it is on.
CREATE TABLE app_site (
    app_id      VARCHAR(36)              NOT NULL PRIMARY KEY REFERENCES app (id) ON DELETE CASCADE,
    token       VARCHAR(32)              NOT NULL,
    enabled     BOOLEAN                  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_app_site_token UNIQUE (token)
);
