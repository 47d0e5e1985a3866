-- Accord's first schema on PostgreSQL: commitments and their append-only history, refusing
-- what migrations/sqlite/0001_initial.sql refuses. Dates are `date` (an impossible day such
-- as 2023-02-31 fails with SQLSTATE 22008); lists are `json` arrays, which keep their exact
-- text; text compares and sorts byte by byte (COLLATE "C"), as SQLite's BINARY does.

CREATE TABLE commitment (
    -- Given out by the store from accord_counter under the write lock: gapless, never reused.
    id bigint PRIMARY KEY CHECK (id > 0),
    uid text COLLATE "C" NOT NULL UNIQUE
        CHECK (length(uid) BETWEEN 1 AND 128 AND uid !~ '[^A-Za-z0-9._:-]'),
    title text COLLATE "C" NOT NULL CHECK (length(btrim(title, ' ')) > 0 AND length(title) <= 500),
    quote text COLLATE "C" NOT NULL DEFAULT '',
    -- Lists are JSON arrays of strings, in order (the first owner is the lead).
    parties json NOT NULL CHECK (json_typeof(parties) = 'array' AND json_array_length(parties) >= 1),
    owners json NOT NULL DEFAULT '[]' CHECK (json_typeof(owners) = 'array'),
    tags json NOT NULL DEFAULT '[]' CHECK (json_typeof(tags) = 'array'),
    made_on date NOT NULL CHECK (made_on BETWEEN '0001-01-01' AND '9999-12-31'),
    occasion text COLLATE "C" NOT NULL DEFAULT '',
    source text COLLATE "C" NOT NULL DEFAULT '',
    due text COLLATE "C" CHECK (due ~ '^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?|-Q[1-4])?|\+[1-9][0-9]*[dwm])$'),
    due_by date CHECK (due_by <= '9999-12-31'),
    status text COLLATE "C" NOT NULL DEFAULT 'unassessed' CHECK (status IN (
        'unassessed', 'not-started', 'in-progress', 'stalled',
        'fulfilled', 'partial', 'broken', 'withdrawn', 'unverifiable')),
    -- Derived from the history, kept in the same transaction as each update so that reports
    -- need not read the history table.
    status_changed_on date NOT NULL CHECK (status_changed_on BETWEEN '0001-01-01' AND '9999-12-31'),
    last_update_on date NOT NULL CHECK (last_update_on BETWEEN '0001-01-01' AND '9999-12-31'),
    CHECK ((due IS NULL) = (due_by IS NULL)),
    CHECK (due_by IS NULL OR due_by >= made_on)
);

-- The overdue report: open commitments by deadline, most overdue first (the report's WHERE
-- clause implies this predicate, so the planner may use the index).
CREATE INDEX commitment_open_due ON commitment (due_by, id)
    WHERE due_by IS NOT NULL
      AND status IN ('unassessed', 'not-started', 'in-progress', 'stalled');

-- The last id given out (SQLite's AUTOINCREMENT): a new commitment takes last + 1, a kept id
-- raises it to greatest(last, id), so an id is never given out twice, even after a delete.
CREATE TABLE accord_counter (
    name text COLLATE "C" PRIMARY KEY,
    last bigint NOT NULL CHECK (last >= 0)
);
INSERT INTO accord_counter (name, last) VALUES ('commitment', 0);

CREATE TABLE progress_update (
    -- The order recorded, which breaks ties between entries of the same day.
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    commitment_id bigint NOT NULL REFERENCES commitment (id) ON DELETE CASCADE,
    on_date date NOT NULL CHECK (on_date BETWEEN '0001-01-01' AND '9999-12-31'),
    from_status text COLLATE "C" CHECK (from_status IN (
        'unassessed', 'not-started', 'in-progress', 'stalled',
        'fulfilled', 'partial', 'broken', 'withdrawn', 'unverifiable')),
    to_status text COLLATE "C" CHECK (to_status IN (
        'unassessed', 'not-started', 'in-progress', 'stalled',
        'fulfilled', 'partial', 'broken', 'withdrawn', 'unverifiable')),
    note text COLLATE "C" NOT NULL DEFAULT '',
    source text COLLATE "C" NOT NULL DEFAULT '',
    CHECK (from_status IS NULL OR to_status IS NOT NULL)
);

CREATE INDEX progress_update_commitment ON progress_update (commitment_id, id);
CREATE INDEX progress_update_on_date ON progress_update (on_date);

-- History is append-only: the database itself refuses to change an entry, whoever asks
-- (removing a whole commitment cascades; the team roles grant no UPDATE or DELETE on it).
CREATE FUNCTION progress_update_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER progress_update_no_update BEFORE UPDATE ON progress_update
    FOR EACH ROW EXECUTE FUNCTION progress_update_append_only();
