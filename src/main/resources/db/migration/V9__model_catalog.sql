-- Workspace entries of the model catalogue (Weft: dev.weft.model.catalog): custom or self-hosted models, or
-- changed prices of shipped ones. They win over the shipped catalogue (model-catalog.json) for the workspace.
-- Prices are per million tokens in USD; capabilities a comma-separated subset of tools, vision, json.
CREATE TABLE model_catalog_entry (
    workspace_id      VARCHAR(36)              NOT NULL,
    model             VARCHAR(200)             NOT NULL,
    context_window    INTEGER,
    input_price       NUMERIC(20, 6)           NOT NULL,
    output_price      NUMERIC(20, 6)           NOT NULL,
    capabilities      VARCHAR(100)             NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, model)
);
