-- History is the truth: edits keep their earlier values, and history reads in date order.
--
-- `changes` holds what an edit changed, as a JSON object from field name to [before, after]
-- in the stored form ('due' and 'due_by' as text or null, lists as arrays of strings). A
-- report as of a past day undoes the changes dated after it.
ALTER TABLE progress_update ADD COLUMN changes json
    CHECK (changes IS NULL OR json_typeof(changes) = 'object');

-- A commitment's history in date order (ties in the order recorded): shown, exported and
-- replayed this way, and searched by day for the status on a past day. It also serves the
-- foreign key, which the index it replaces did.
DROP INDEX progress_update_commitment;
CREATE INDEX progress_update_timeline ON progress_update (commitment_id, on_date, id);
