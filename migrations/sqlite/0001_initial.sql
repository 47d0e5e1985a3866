-- Accord's first schema: commitments and their append-only history.
-- Dates are calendar days as 'YYYY-MM-DD' text; date(x, '+0 days') = x rejects impossible
-- days such as 2023-02-31, which date(x) alone would pass through unchanged.

CREATE TABLE commitment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL UNIQUE
        CHECK (length(uid) BETWEEN 1 AND 128 AND uid NOT GLOB '*[^A-Za-z0-9._:-]*'),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 500),
    quote TEXT NOT NULL DEFAULT '',
    -- Lists are JSON arrays of strings, in order (the first owner is the lead).
    parties TEXT NOT NULL
        CHECK (json_valid(parties) AND json_type(parties) = 'array' AND json_array_length(parties) >= 1),
    owners TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(owners) AND json_type(owners) = 'array'),
    tags TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    made_on TEXT NOT NULL CHECK (date(made_on, '+0 days') IS made_on),
    occasion TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    due TEXT CHECK (
        due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
        OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
        OR due GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'
        OR due GLOB '[0-9][0-9][0-9][0-9]'
        OR due GLOB '+[1-9]*[dwm]'),
    due_by TEXT CHECK (due_by IS NULL OR date(due_by, '+0 days') IS due_by),
    status TEXT NOT NULL DEFAULT 'unassessed' CHECK (status IN (
        'unassessed', 'not-started', 'in-progress', 'stalled',
        'fulfilled', 'partial', 'broken', 'withdrawn', 'unverifiable')),
    -- Derived from the history, kept in the same transaction as each update so that reports
    -- need not read the history table.
    status_changed_on TEXT NOT NULL CHECK (date(status_changed_on, '+0 days') IS status_changed_on),
    last_update_on TEXT NOT NULL CHECK (date(last_update_on, '+0 days') IS last_update_on),
    CHECK ((due IS NULL) = (due_by IS NULL)),
    CHECK (due_by IS NULL OR due_by >= made_on)
) STRICT;

-- The overdue report: open commitments by deadline, most overdue first. The WHERE clause
-- must match the report's query word for word for SQLite to use this partial index.
CREATE INDEX commitment_open_due ON commitment (due_by, id)
    WHERE due_by IS NOT NULL
      AND status IN ('unassessed', 'not-started', 'in-progress', 'stalled');


CREATE TABLE progress_update (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    commitment_id INTEGER NOT NULL REFERENCES commitment (id) ON DELETE CASCADE,
    on_date TEXT NOT NULL CHECK (date(on_date, '+0 days') IS on_date),
    from_status TEXT CHECK (from_status IN (
        'unassessed', 'not-started', 'in-progress', 'stalled',
        'fulfilled', 'partial', 'broken', 'withdrawn', 'unverifiable')),
    to_status TEXT CHECK (to_status IN (
        'unassessed', 'not-started', 'in-progress', 'stalled',
        'fulfilled', 'partial', 'broken', 'withdrawn', 'unverifiable')),
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    CHECK (from_status IS NULL OR to_status IS NOT NULL)
) STRICT;

CREATE INDEX progress_update_commitment ON progress_update (commitment_id, id);
CREATE INDEX progress_update_on_date ON progress_update (on_date);

-- History is append-only: the database itself refuses to change or remove an entry
-- (removing a whole commitment, as `import --replace` does, cascades).
CREATE TRIGGER progress_update_no_update BEFORE UPDATE ON progress_update
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
