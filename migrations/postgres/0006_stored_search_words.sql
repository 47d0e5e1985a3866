-- The searched words of 0004 stored beside each row, as generated columns, with the search
-- indexes over them.
--
-- 0004 indexed an expression, so a search found its candidate rows through the index and then
-- computed the normal form of every candidate again for the LIKE that decides: seven
-- translate()s and regular expressions per commitment, about 0.13 ms a row. The query of a
-- search for a word that 43,620 of 100,000 commitments hold took 5.9 s. Stored, the normal form
-- is computed once, when the row is written (which the index did already), and the LIKE reads
-- it: 0.13 s for the same query.
--
-- The columns are written by PostgreSQL alone, from the same functions, so no program writing
-- to the tables can make them disagree with the text. Adding them rewrites both tables, once.
-- PostgreSQL never computes a stored column again when a function behind it is replaced: a
-- later migration that changes accord_search_text or accord_*_words must drop and add these
-- columns (and their indexes) again.

DROP INDEX commitment_search;
DROP INDEX progress_update_search;

ALTER TABLE commitment ADD COLUMN search_words text GENERATED ALWAYS AS
    (accord_commitment_words(title, quote, occasion, owners, parties, tags, source)) STORED;
ALTER TABLE progress_update ADD COLUMN search_words text GENERATED ALWAYS AS
    (accord_update_words(note, source)) STORED;

CREATE INDEX commitment_search ON commitment USING gin (to_tsvector('simple', search_words));
CREATE INDEX progress_update_search ON progress_update USING gin (to_tsvector('simple', search_words));
