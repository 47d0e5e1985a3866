-- The functions of 0003 and 0004 rewritten, each standing on its own, with the same results.
--
-- The domain checks of 0003 become plain expressions the planner inlines into each CHECK
-- constraint, with the same rules: a SQL function that is STRICT with a body that is not, or
-- that holds a subquery, cannot be inlined, and is then parsed and planned again by every
-- statement that writes a row (three lists and up to six texts per commitment: about a
-- millisecond of every `add`, `update` and `edit` on a new connection). Replacing a
-- function's body keeps the constraints that call it, and checks no stored row again: the
-- rules are unchanged. (A list that `jsonb` cannot hold, with a `\u0000` escape, a lone
-- surrogate or a number out of range, is refused by the cast's error instead of a check
-- violation.)
--
-- The search functions of 0004 called accord_search_text by a name only the search path
-- finds, and PostgreSQL's own processes run with an empty one: autovacuum's ANALYZE, which
-- evaluates the search indexes' expressions, failed on both tables ("function
-- accord_search_text(text) does not exist"), so they never got statistics, and a restore of
-- pg_dump's output could not build the indexes. They now call it by its schema, the one this
-- migration runs in (where 0004 made it). A `SET search_path` clause would do as well, but
-- stops the planner from inlining them, and the indexes match their searches inlined.

-- The same text rule, no longer STRICT (its body is not: a NULL still gives NULL, which a
-- CHECK lets through as before; every checked column is NOT NULL anyway).
CREATE OR REPLACE FUNCTION accord_valid_text(value text, max_length integer, multiline boolean) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT length(value) <= max_length
       AND btrim(value, E' \t\n\r') = value
       AND value !~ (CASE WHEN multiline THEN '[\x01-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]'
                          ELSE '[\x01-\x1f\x7f-\x9f\u2028\u2029]' END)
$$;

-- The same list rule without a subquery: a JSON array of at most 50 strings, each non-empty,
-- at most 200 characters, without ';', spaces at either end or control characters (the
-- one-line rule of accord_valid_text: tabs, CR and LF are control characters), and distinct.
-- - The elements are checked by one SQL/JSON path, whose regular expressions are compiled
--   once per connection.
-- - Distinct: `jsonb` prints each element in one escaped form (only `\"` and `\\` remain
--   once control characters are refused), so the printed array between its outer `["` and
--   `"]`, split at `", "`, gives each element once in that form (a quote inside an element is
--   always escaped); `array_to_tsvector` keeps each distinct one once, compared byte by byte
--   as COLLATE "C" compares.
-- - CASE evaluates its branches in order, so the split runs only on a valid array of
--   non-empty strings (`array_to_tsvector` refuses an empty one).
CREATE OR REPLACE FUNCTION accord_valid_list(list json) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN json_typeof(list) <> 'array' OR json_array_length(list) > 50 THEN false
        WHEN jsonb_path_exists(list::jsonb, 'strict $[*] ? (@.type() != "string" || @ == ""
            || @ like_regex "[;\u0001-\u001f\u007f-\u009f\u2028\u2029]" || @ like_regex "^ | $"
            || @ like_regex "^.{201}" flag "s")') THEN false
        ELSE length(array_to_tsvector(string_to_array(left(right(list::jsonb::text, -2), -2), '", "')))
            = json_array_length(list)
    END
$$;

DO $$
BEGIN
    EXECUTE format($sql$
        CREATE OR REPLACE FUNCTION %1$I.accord_commitment_words(title text, quote text, occasion text, owners json,
                                                                 parties json, tags json, source text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
            SELECT %1$I.accord_search_text(title) || '|' || %1$I.accord_search_text(quote)
                || '|' || %1$I.accord_search_text(occasion) || '|' || %1$I.accord_search_text(owners::text)
                || '|' || %1$I.accord_search_text(parties::text) || '|' || %1$I.accord_search_text(tags::text)
                || '|' || %1$I.accord_search_text(source)
        $body$
        $sql$, current_schema());
    EXECUTE format($sql$
        CREATE OR REPLACE FUNCTION %1$I.accord_update_words(note text, source text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $body$
            SELECT %1$I.accord_search_text(note) || '|' || %1$I.accord_search_text(source)
        $body$
        $sql$, current_schema());
END
$$;
