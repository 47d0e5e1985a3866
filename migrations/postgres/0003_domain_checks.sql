-- The schema refuses what the domain refuses (AccordCore's Field rules), as
-- migrations/sqlite/0003_domain_checks.sql does, so that a database changed by another program
-- cannot hold what Accord's reports would choke on or show raw: control characters (tabs and
-- line feeds only in the multi-line quote and note), text that is not trimmed, lengths over
-- the limits, and lists that are not arrays of distinct, non-empty, trimmed strings without
-- ';'. CHECK constraints (PostgreSQL adds them to a table in place), through two immutable
-- functions because a CHECK may not hold a subquery.

-- Whether a text is one Accord accepts: at most `max_length` characters, trimmed of spaces,
-- tabs, CR and LF, and without control characters (C0, DEL, C1, U+2028, U+2029); a
-- multi-line text may hold tabs and line feeds inside.
CREATE FUNCTION accord_valid_text(value text, max_length integer, multiline boolean) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT length(value) <= max_length
       AND btrim(value, E' \t\n\r') = value
       AND value !~ (CASE WHEN multiline THEN '[\x01-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]'
                          ELSE '[\x01-\x1f\x7f-\x9f\u2028\u2029]' END)
$$;

-- Whether a list is one Accord accepts: a JSON array of at most 50 distinct strings, each
-- non-empty, at most 200 characters, without ';', and an acceptable one-line text.
CREATE FUNCTION accord_valid_list(list json) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN json_typeof(list) <> 'array' THEN false ELSE
        json_array_length(list) <= 50
        AND NOT EXISTS (
            SELECT 1 FROM json_array_elements(list) AS e
            WHERE json_typeof(e) <> 'string' OR (e #>> '{}') = '' OR strpos(e #>> '{}', ';') > 0
               OR NOT accord_valid_text(e #>> '{}', 200, false))
        AND (SELECT count(*) FROM json_array_elements(list))
            = (SELECT count(DISTINCT v COLLATE "C") FROM json_array_elements_text(list) AS v)
    END
$$;

ALTER TABLE commitment
    ADD CONSTRAINT commitment_title_domain CHECK (title <> '' AND accord_valid_text(title, 500, false)),
    ADD CONSTRAINT commitment_quote_domain CHECK (accord_valid_text(quote, 20000, true)),
    ADD CONSTRAINT commitment_occasion_domain CHECK (accord_valid_text(occasion, 2000, false)),
    ADD CONSTRAINT commitment_source_domain CHECK (accord_valid_text(source, 2000, false)),
    ADD CONSTRAINT commitment_parties_domain CHECK (accord_valid_list(parties)),
    ADD CONSTRAINT commitment_owners_domain CHECK (accord_valid_list(owners)),
    ADD CONSTRAINT commitment_tags_domain CHECK (accord_valid_list(tags));

ALTER TABLE progress_update
    ADD CONSTRAINT progress_update_note_domain CHECK (accord_valid_text(note, 20000, true)),
    ADD CONSTRAINT progress_update_source_domain CHECK (accord_valid_text(source, 2000, false));
