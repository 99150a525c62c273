-- Topic runs, topics, assignments, lineage, and the PM-owned topic profile that survives refits.
CREATE SEQUENCE topic_run_id_seq START 1;
CREATE SEQUENCE topic_id_seq START 1;

CREATE TABLE topic_runs (
    run_id        BIGINT PRIMARY KEY,
    created_at    TIMESTAMP NOT NULL,
    model_id      VARCHAR NOT NULL,
    n_notes       INTEGER NOT NULL,
    n_topics      INTEGER NOT NULL,
    n_themes      INTEGER NOT NULL DEFAULT 0,
    unclear_share DOUBLE NOT NULL,
    input_hash    VARCHAR NOT NULL,
    params        JSON,
    quality       JSON,
    fit_seconds   DOUBLE,
    is_current    BOOLEAN NOT NULL DEFAULT FALSE
);

-- Topics as fitted in one run. topic_id is stable across runs (matched on refit); -1 is "Unclear".
CREATE TABLE topics (
    run_id          BIGINT NOT NULL,
    topic_id        BIGINT NOT NULL,
    label           VARCHAR NOT NULL,      -- generated label (a PM-given name lives in topic_profiles)
    keywords        VARCHAR[] NOT NULL DEFAULT [],
    size            INTEGER NOT NULL,
    centroid        FLOAT[],
    theme_id        INTEGER,
    theme_label     VARCHAR,
    representative_note_ids BIGINT[] NOT NULL DEFAULT [],
    PRIMARY KEY (run_id, topic_id)
);

-- Where each note is now: from the current run's fit, or placed on arrival.
CREATE TABLE note_topics (
    note_id     BIGINT PRIMARY KEY,
    topic_id    BIGINT NOT NULL,
    run_id      BIGINT NOT NULL,
    score       DOUBLE,
    assigned_by VARCHAR NOT NULL,          -- fit · arrival · merge
    assigned_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX note_topics_topic ON note_topics (topic_id);

-- Identity-level facts a PM owns; they survive refits because topic_id does.
CREATE TABLE topic_profiles (
    topic_id     BIGINT PRIMARY KEY,
    name         VARCHAR,                  -- PM-given name; overrides the generated label
    owner        VARCHAR,                  -- product · marketing · strategy · service
    status       VARCHAR NOT NULL DEFAULT 'new',  -- new · investigating · planned · done · declined
    status_note  VARCHAR,                  -- shown to agents
    merged_into  BIGINT,                   -- set when a PM merged this topic into another
    born_run_id  BIGINT,
    died_run_id  BIGINT,
    updated_at   TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

-- What happened to topics at each refit: birth · continue · merge · split · death · pm-merge.
CREATE TABLE topic_lineage (
    run_id           BIGINT NOT NULL,
    event            VARCHAR NOT NULL,
    topic_id         BIGINT NOT NULL,
    related_topic_ids BIGINT[] NOT NULL DEFAULT [],
    overlap          DOUBLE,
    created_at       TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
