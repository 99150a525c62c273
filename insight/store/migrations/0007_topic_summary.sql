-- A one-line summary per topic (the most typical note, or a grounded sentence from the optional label model).
ALTER TABLE topics ADD COLUMN IF NOT EXISTS summary VARCHAR;
