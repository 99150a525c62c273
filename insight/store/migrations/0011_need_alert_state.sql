-- Alert state per need, not per topic: a pocket (a need growing inside a topic) is alerted apart from its
-- parent topic, and keeps its state when a refit gives it a topic of its own. Additive: a new table, seeded
-- from the per-topic state (alert_state is left as it was).
CREATE TABLE IF NOT EXISTS need_alert_state (
    need_key   VARCHAR PRIMARY KEY,          -- topic:12 · pocket:3
    last_count INTEGER NOT NULL,
    last_week  VARCHAR NOT NULL,
    alerted_at TIMESTAMP NOT NULL
);
INSERT INTO need_alert_state
SELECT 'topic:' || CAST(topic_id AS VARCHAR), last_count, last_week, alerted_at FROM alert_state
WHERE 'topic:' || CAST(topic_id AS VARCHAR) NOT IN (SELECT need_key FROM need_alert_state);
