import Foundation

/// The PostgreSQL schema's migrations, compiled into the binary from `migrations/postgres/`,
/// under the same names as the SQLite ones (a test checks that both lists match).
enum PostgresMigrations {
    /// Every migration, in order, under its file name without `.sql`.
    static let all: [(name: String, sql: [UInt8])] = [
        ("0001_initial", PackageResources._001_initial_sql),
        ("0002_dated_edits", PackageResources._002_dated_edits_sql),
        ("0003_domain_checks", PackageResources._003_domain_checks_sql),
        ("0004_search", PackageResources._004_search_sql),
        ("0005_function_bodies", PackageResources._005_function_bodies_sql),
        ("0006_stored_search_words", PackageResources._006_stored_search_words_sql),
    ]

    /// The statements of a migration file, in order: split at each `;` that ends a statement,
    /// outside comments, quoted text and dollar-quoted bodies (which hold `;` of their own).
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        let characters = Array(sql)
        var index = 0
        func flush() {
            let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !statement.isEmpty { statements.append(statement) }
            current = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            }
            if character == "'" || character == "\"" {
                current.append(character)
                index += 1
                while index < characters.count, characters[index] != character {
                    current.append(characters[index])
                    index += 1
                }
                if index < characters.count { current.append(characters[index]) }
                index += 1
                continue
            }
            if character == "$", let tagEnd = characters[(index + 1)...].firstIndex(of: "$"),
               characters[(index + 1)..<tagEnd].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                let tag = String(characters[index...tagEnd])
                current += tag
                index = tagEnd + 1
                let rest = String(characters[index...])
                guard let close = rest.range(of: tag) else {
                    current += rest
                    break
                }
                current += rest[..<close.upperBound]
                index += rest.distance(from: rest.startIndex, to: close.upperBound)
                continue
            }
            if character == ";" {
                flush()
            } else {
                current.append(character)
            }
            index += 1
        }
        flush()
        return statements
    }
}
