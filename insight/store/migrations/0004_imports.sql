-- The import ledger: every file import (and every API / webhook batch) is one row, and every note it
-- stored is linked to it, so an import can be listed, resumed after a crash, and undone as a unit.
CREATE SEQUENCE import_id_seq START 1;

CREATE TABLE imports (
    import_id    BIGINT PRIMARY KEY,
    kind         VARCHAR NOT NULL,            -- file · api · webhook · demo
    name         VARCHAR NOT NULL,            -- the file name (never its folder), or the batch's name
    file_hash    VARCHAR,                     -- sha256 of the file's bytes (NULL for batches)
    source       VARCHAR,                     -- --source, when given
    status       VARCHAR NOT NULL,            -- running · complete · failed · undone
    rows_read    INTEGER NOT NULL DEFAULT 0,
    imported     INTEGER NOT NULL DEFAULT 0,  -- notes this import stored (still linked below)
    duplicates   INTEGER NOT NULL DEFAULT 0,
    rejected     INTEGER NOT NULL DEFAULT 0,
    message      VARCHAR,                     -- why it failed, or what was assumed (e.g. the date)
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    undone_at    TIMESTAMP,
    pid          INTEGER,                     -- the process that ran it, to tell "running" from "interrupted"
    host         VARCHAR
);

-- Which import stored which note (a note stored by the app form belongs to none).
CREATE TABLE import_notes (
    note_id   BIGINT PRIMARY KEY,
    import_id BIGINT NOT NULL
);
CREATE INDEX import_notes_import ON import_notes (import_id);
