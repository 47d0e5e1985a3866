-- Search: case- and accent-insensitive full-text indexes (FTS5, Unicode 6.1 folding with
-- diacritics removed) over what people look for: a commitment's title, quote, occasion,
-- owners, parties, tags and source, and every note and source of its history. The indexes
-- hold tokens only: the text stays in the tables they index ("external content"), and
-- triggers keep them in step inside the same transactions.

CREATE VIRTUAL TABLE commitment_search USING fts5(
    title, quote, occasion, owners, parties, tags, source,
    content = 'commitment', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE progress_update_search USING fts5(
    note, source,
    content = 'progress_update', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');

INSERT INTO commitment_search (commitment_search) VALUES ('rebuild');
INSERT INTO progress_update_search (progress_update_search) VALUES ('rebuild');

CREATE TRIGGER commitment_search_insert AFTER INSERT ON commitment
BEGIN
    INSERT INTO commitment_search (rowid, title, quote, occasion, owners, parties, tags, source)
    VALUES (new.id, new.title, new.quote, new.occasion, new.owners, new.parties, new.tags, new.source);
END;

-- A status change rewrites the row: the index changes only when a searched field did.
CREATE TRIGGER commitment_search_update AFTER UPDATE ON commitment
WHEN old.title IS NOT new.title OR old.quote IS NOT new.quote OR old.occasion IS NOT new.occasion
    OR old.owners IS NOT new.owners OR old.parties IS NOT new.parties OR old.tags IS NOT new.tags
    OR old.source IS NOT new.source
BEGIN
    INSERT INTO commitment_search (commitment_search, rowid, title, quote, occasion, owners, parties, tags, source)
    VALUES ('delete', old.id, old.title, old.quote, old.occasion, old.owners, old.parties, old.tags, old.source);
    INSERT INTO commitment_search (rowid, title, quote, occasion, owners, parties, tags, source)
    VALUES (new.id, new.title, new.quote, new.occasion, new.owners, new.parties, new.tags, new.source);
END;

CREATE TRIGGER commitment_search_delete AFTER DELETE ON commitment
BEGIN
    INSERT INTO commitment_search (commitment_search, rowid, title, quote, occasion, owners, parties, tags, source)
    VALUES ('delete', old.id, old.title, old.quote, old.occasion, old.owners, old.parties, old.tags, old.source);
END;

CREATE TRIGGER progress_update_search_insert AFTER INSERT ON progress_update
BEGIN
    INSERT INTO progress_update_search (rowid, note, source) VALUES (new.id, new.note, new.source);
END;

-- History is append-only; a whole commitment's removal cascades to its history.
CREATE TRIGGER progress_update_search_delete AFTER DELETE ON progress_update
BEGIN
    INSERT INTO progress_update_search (progress_update_search, rowid, note, source)
    VALUES ('delete', old.id, old.note, old.source);
END;
