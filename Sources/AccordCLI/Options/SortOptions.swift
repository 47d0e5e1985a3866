import AccordCore
import ArgumentParser

/// `--sort` and `--limit`, for the reports that list commitments.
struct SortOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Order by these fields, e.g. due_by,title; '-' before a field (--sort=-due_by) or ':desc' after it for descending.",
        valueName: "a,-b"), transform: Parse.sortKeys)
    var sort: [SortKey]?
    @Option(name: .long, help: "At most this many commitments.", transform: Parse.limit)
    var limit: Int?

    /// Adds the order and the limit to `filter`.
    func apply(to filter: inout CommitmentFilter) {
        if let sort { filter.sort = sort }
        filter.limit = limit
    }
}

extension Parse {
    /// `--sort` keys.
    static func sortKeys(_ text: String) throws -> [SortKey] {
        try SortKey.parse(text)
    }

    /// A positive `--limit`.
    static func limit(_ text: String) throws -> Int {
        guard let value = Int(text), value > 0 else {
            throw ValidationError("--limit takes a whole number from 1, e.g. --limit 20 (not '\(text)')")
        }
        return value
    }
}

extension SortOptions: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .option("--sort", read: Parse.sortKeys) { $0.sort = $1 },
            .option("--limit", read: Parse.limit) { $0.limit = $1 },
        ]
    }
}
