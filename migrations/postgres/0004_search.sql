-- Search without an extension (pg_trgm or unaccent would need the contrib package and, for
-- unaccent, a superuser): the words of a commitment's title, quote, occasion, owners,
-- parties, tags and source, and of every note and source of its history, in a normal form
-- that PostgreSQL computes alike on every server whatever its locale: accented Latin letters
-- without their accents, ASCII and those letters in lower case, every run of other ASCII
-- characters and common punctuation one space, each field between spaces and fields apart.
-- A search for words in order is then a LIKE over that text; GIN indexes over its words
-- (to_tsvector 'simple') find the candidate rows first.

-- The normal form of one field: ' word word … ' (or ' ' for no word).
CREATE FUNCTION accord_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ' ' || btrim(regexp_replace(lower(translate(value,
        'ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćĈĉĊċČčĎďĐđÈÉÊËèéêëĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħÌÍÎÏìíîïĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųŴŵÝýÿŶŷŸŹźŻżŽž‘’‚“”„«»‹›–—…¡¿·•' || chr(160),
        'AAAAAAaaaaaaAaAaAaCcCcCcCcCcDdDdEEEEeeeeEeEeEeEeEeGgGgGgGgHhHhIIIIiiiiIiIiIiIiIiJjKkLlLlLlLlLlNnNnNnNnOOOOOOooooooOoOoOoRrRrRrSsSsSsSsTtTtTtUUUUuuuuUuUuUuUuUuUuWwYyyYyYZzZzZz                   ')),
        '[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]+', ' ', 'g'), ' ') || ' '
$$;

-- A commitment's searched fields, each in its normal form, '|' between them (so that no
-- search runs from one field into the next).
CREATE FUNCTION accord_commitment_words(title text, quote text, occasion text, owners json, parties json, tags json,
                                        source text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT accord_search_text(title) || '|' || accord_search_text(quote) || '|' || accord_search_text(occasion)
        || '|' || accord_search_text(owners::text) || '|' || accord_search_text(parties::text)
        || '|' || accord_search_text(tags::text) || '|' || accord_search_text(source)
$$;

-- A history entry's note and source, the same way.
CREATE FUNCTION accord_update_words(note text, source text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT accord_search_text(note) || '|' || accord_search_text(source)
$$;

CREATE INDEX commitment_search ON commitment USING gin (
    to_tsvector('simple', accord_commitment_words(title, quote, occasion, owners, parties, tags, source)));

CREATE INDEX progress_update_search ON progress_update USING gin (
    to_tsvector('simple', accord_update_words(note, source)));
