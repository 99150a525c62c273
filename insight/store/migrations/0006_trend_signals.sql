-- What was signalled each week, kept as it was said: a later refit never rewrites a past week's signals
-- (recomputing one is an explicit action). And the pockets — emerging needs found below the topic level —
-- that a refit gives a topic of their own (a birth in the lineage). Additive: new tables only.
CREATE SEQUENCE IF NOT EXISTS pocket_id_seq START 1;

CREATE TABLE IF NOT EXISTS trend_weeks (
    week        VARCHAR PRIMARY KEY,       -- ISO week, e.g. 2025-W10
    computed_at TIMESTAMP NOT NULL,
    run_id      BIGINT,                    -- the topic run in use when the week was judged
    n_signals   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS trend_signals (
    week      VARCHAR NOT NULL,
    position  INTEGER NOT NULL,            -- order in which the signals were listed
    kind      VARCHAR NOT NULL,
    topic_id  BIGINT NOT NULL,
    pocket_id BIGINT,
    payload   JSON NOT NULL,               -- the signal as printed by `python -m insight trends --json`
    PRIMARY KEY (week, position)
);

CREATE TABLE IF NOT EXISTS pockets (
    pocket_id        BIGINT PRIMARY KEY,
    first_week       VARCHAR NOT NULL,
    last_week        VARCHAR NOT NULL,
    label            VARCHAR NOT NULL,
    keywords         VARCHAR[] NOT NULL DEFAULT [],
    model_id         VARCHAR NOT NULL,     -- whose vectors the centroid lives among
    centroid         FLOAT[] NOT NULL,
    radius           DOUBLE NOT NULL,      -- cosine to the centroid that bounds the pocket's region
    parent_topic_ids BIGINT[] NOT NULL DEFAULT [],
    note_ids         BIGINT[] NOT NULL DEFAULT [],
    topic_id         BIGINT,               -- the topic a refit gave it
    born_run_id      BIGINT,
    created_at       TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
