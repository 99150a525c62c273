-- What the topics engine adds to the 0002 draft (kept additive: databases already carry 0002).
-- run_uid: a random id per run, so in-process caches never confuse runs of two database files.
-- revision: bumped by PM edits that change what on-arrival placement returns (merge, rename).
-- assign_threshold: cosine to a topic centroid below which a note is placed in "unclear" (-1).
ALTER TABLE topic_runs ADD COLUMN run_uid VARCHAR;
ALTER TABLE topic_runs ADD COLUMN revision INTEGER DEFAULT 0;
ALTER TABLE topic_runs ADD COLUMN assign_threshold DOUBLE;
