-- Notes (text already redacted: the original text is never stored) and their embeddings.
CREATE SEQUENCE note_id_seq START 1;

CREATE TABLE notes (
    id               BIGINT PRIMARY KEY DEFAULT nextval('note_id_seq'),
    external_id      VARCHAR,                 -- the source system's own id (note_id / id / external_id)
    text             VARCHAR NOT NULL,        -- redacted
    created_at       TIMESTAMP NOT NULL,      -- UTC
    agent_id         VARCHAR,
    team             VARCHAR,
    channel          VARCHAR,                 -- phone · chat · email · social · in-person · other
    product          VARCHAR,
    customer_segment VARCHAR,
    kind             VARCHAR,                 -- need · complaint · idea · praise · churn-risk · upsell · other
    source           VARCHAR NOT NULL,
    tags             VARCHAR[] NOT NULL DEFAULT [],
    extra            JSON,                    -- columns Earshot does not know, kept as attributes
    redactions       VARCHAR[] NOT NULL DEFAULT [],  -- placeholder types applied (never the values)
    dedupe_key       VARCHAR NOT NULL UNIQUE, -- external id within its source, else text+agent+day hash
    ingested_at      TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX notes_created_at ON notes (created_at);

-- One vector per note per model: vectors are only comparable with vectors from the same model.
CREATE TABLE note_embeddings (
    note_id  BIGINT NOT NULL,
    model_id VARCHAR NOT NULL,
    vector   FLOAT[] NOT NULL,
    PRIMARY KEY (note_id, model_id)
);
