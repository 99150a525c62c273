-- The HTTP API's tokens, and the deliveries of the weekly brief and emerging-need alerts (additive).

-- An API token is shown once when created; only its SHA-256 is kept.
CREATE SEQUENCE api_token_id_seq START 1;
CREATE TABLE api_tokens (
    id           BIGINT PRIMARY KEY DEFAULT nextval('api_token_id_seq'),
    name         VARCHAR NOT NULL,           -- who uses it, e.g. "zendesk"
    scope        VARCHAR NOT NULL,           -- ingest · read
    token_hash   VARCHAR NOT NULL UNIQUE,    -- sha256 hex of the token
    prefix       VARCHAR NOT NULL,           -- first characters, to tell tokens apart in lists
    created_at   TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);

-- One message to one channel: what, to whom, when, and how it went. Failed ones are retried with back-off.
CREATE SEQUENCE delivery_id_seq START 1;
CREATE TABLE deliveries (
    id              BIGINT PRIMARY KEY DEFAULT nextval('delivery_id_seq'),
    kind            VARCHAR NOT NULL,        -- brief · alert
    subject_key     VARCHAR NOT NULL,        -- brief:2025-W10 · alert:12:2025-W10
    week            VARCHAR NOT NULL,
    topic_id        BIGINT,
    channel         VARCHAR NOT NULL,        -- email · slack · teams
    recipient       VARCHAR NOT NULL,        -- addresses, or the webhook host (never its secret path)
    title           VARCHAR NOT NULL,
    body            VARCHAR NOT NULL,
    body_format     VARCHAR NOT NULL,        -- markdown · html
    status          VARCHAR NOT NULL,        -- pending · sent · retrying · failed
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      VARCHAR,
    created_at      TIMESTAMP NOT NULL,
    last_attempt_at TIMESTAMP,
    next_attempt_at TIMESTAMP,
    sent_at         TIMESTAMP
);
CREATE INDEX deliveries_subject ON deliveries (subject_key, channel);

-- The size of each emerging need when it was last alerted: alert again only when it grows materially.
CREATE TABLE alert_state (
    topic_id        BIGINT PRIMARY KEY,
    last_count      INTEGER NOT NULL,
    last_week       VARCHAR NOT NULL,
    alerted_at      TIMESTAMP NOT NULL
);

-- Scheduled runs done by the API server (so a restart never sends the same week twice).
CREATE TABLE delivery_runs (
    slot        VARCHAR PRIMARY KEY,          -- the scheduled moment, e.g. 2025-03-10T08:00
    week        VARCHAR NOT NULL,
    ran_at      TIMESTAMP NOT NULL,
    summary     VARCHAR
);
