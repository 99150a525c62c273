-- Facts about the database itself, one row each (issue #12): e.g. 'demo_removed', so a database whose
-- demo notes were removed is never seeded again just because it is empty. Additive.
CREATE TABLE IF NOT EXISTS app_flags (
    name       VARCHAR PRIMARY KEY,
    value      VARCHAR,
    updated_at TIMESTAMP DEFAULT now()
);
