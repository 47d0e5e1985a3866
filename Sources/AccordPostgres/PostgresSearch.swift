import AccordCore

/// `--search` on PostgreSQL: the SQLite store's full-text phrase, without an extension.
///
/// Migration 0004 defines the normal form of the searched text (`accord_search_text`: accented
/// Latin letters without their accents, ASCII and those letters in lower case, other ASCII
/// characters and common punctuation as spaces); 0006 stores each row's normal form in a
/// generated column, `search_words`, with a GIN index over its words. A search is its words,
/// in order, in one field of the commitment or of one history entry: a LIKE over the normal
/// form, the last word a prefix while it is being typed. The indexes first find the rows that
/// hold every plain ASCII word of it, so that the LIKE reads only those. `%`, `_`, quotes and
/// operators are separators, as in the SQLite store.
enum PostgresSearch {
    /// A commitment's searched words (`accord_commitment_words` of its fields), as indexed by
    /// `commitment_search`.
    static let commitmentWords = "search_words"
    /// A history entry's searched words (`accord_update_words`), as indexed by
    /// `progress_update_search`.
    static let updateWords = "search_words"

    /// The condition on `c.id` for what a user typed; nothing matches text without a word.
    static func condition(_ search: String, _ text: inout SQLText) -> String {
        guard search.unicodeScalars.contains(where: isWordScalar) else { return "false" }
        let endsInWord = search.unicodeScalars.last.map(isWordScalar) ?? false
        let normal = "accord_search_text(\(text.bind(search))::text)"
        // ' a b ' becomes '% a b %', or '% a b%' when the last word is being typed.
        let pattern = endsInWord ? "('%' || rtrim(\(normal)) || '%')" : "('%' || \(normal) || '%')"
        let words = indexedWords(search, lastIsPrefix: endsInWord)
        let prefilter = words.isEmpty ? "" : "to_tsvector('simple', WORDS) @@ to_tsquery('simple', \(text.bind(words))) AND "
        func match(_ words: String) -> String {
            prefilter.replacingOccurrences(of: "WORDS", with: words) + "\(words) LIKE \(pattern)"
        }
        return "(btrim(\(normal)) <> '' AND c.id IN (SELECT id FROM commitment WHERE \(match(commitmentWords)) "
            + "UNION SELECT commitment_id FROM progress_update WHERE \(match(updateWords))))"
    }

    /// The words the GIN indexes can look up, as a `to_tsquery` text ('a & b:*'): those of
    /// plain ASCII letters and digits, whose normal form is their lower case. A word with
    /// other letters is left to the LIKE, so the indexes never leave out a match.
    static func indexedWords(_ search: String, lastIsPrefix: Bool) -> String {
        let parts = search.unicodeScalars.split { $0.isASCII && !isWordScalar($0) }.map { String(String.UnicodeScalarView($0)) }
        var words: [String] = []
        for (index, part) in parts.enumerated() {
            guard part.unicodeScalars.allSatisfy(\.isASCII), part.count <= 100 else { continue }
            let word = part.lowercased()
            words.append(index == parts.count - 1 && lastIsPrefix ? word + ":*" : word)
        }
        return words.joined(separator: " & ")
    }

    /// A letter or digit, as SQLite's tokenizer and the search's rules count them.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
