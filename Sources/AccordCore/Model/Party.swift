import Foundation

/// The vocabulary of parties: ISO 3166-1 alpha-2 codes (`US`, `MX`), found from a code in
/// any case or from a name or alias in English or Spanish (`United States`, `EE. UU.`,
/// `México`), whatever the case and accents.
public enum Party {
    /// The code for what a user typed, or nil when it names no country.
    public static func code(for text: String) -> String? {
        let trimmed = Field.trimmed(text)
        if trimmed.count == 2, let code = codes[trimmed.uppercased()] { return code }
        return byName[key(trimmed)]
    }

    /// The English short name of a code.
    public static func name(of code: String) -> String? {
        codes[code].flatMap { _ in table.first { $0.code == code }?.names.first }
    }

    /// The code for `text`; an unknown party is refused with the likely one, or kept as given
    /// (trimmed) when `allowsNew`.
    public static func normalized(_ text: String, allowsNew: Bool) throws(AccordError) -> String {
        if let code = code(for: text) { return code }
        guard allowsNew else {
            let names = table.flatMap { row in [row.code] + row.names }
            let likely = Suggestion.closest(to: text, among: names).flatMap(code(for:))
            throw .unknownParty(text, likely)
        }
        return Field.trimmed(text)
    }

    /// Normalises a list of parties, returning the list and what changed (`United States` →
    /// `US`), for a message.
    public static func normalized(_ values: [String], allowsNew: Bool) throws(AccordError) -> (parties: [String], changes: [(String, String)]) {
        var parties: [String] = []
        var changes: [(String, String)] = []
        for value in values {
            let code = try normalized(value, allowsNew: allowsNew)
            if code != Field.trimmed(value) { changes.append((value, code)) }
            if !parties.contains(code) { parties.append(code) }
        }
        return (parties, changes)
    }

    /// Whether `text` is a known code or name.
    public static func isKnown(_ text: String) -> Bool { code(for: text) != nil }

    private static let codes: [String: String] = Dictionary(uniqueKeysWithValues: table.map { ($0.code, $0.code) })

    private static let byName: [String: String] = {
        var index: [String: String] = [:]
        for row in table {
            for name in row.names where index[key(name)] == nil { index[key(name)] = row.code }
        }
        return index
    }()

    /// A name as looked up: lower-case, without accents, dots or repeated spaces.
    static func key(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.filter { $0 != "." }.split(separator: " ").joined(separator: " ")
    }
}
