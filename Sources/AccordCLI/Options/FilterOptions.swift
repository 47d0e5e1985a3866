import AccordCore
import AccordRows
import ArgumentParser
import Foundation

/// The filters of `list` and `export`.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only this status, or 'open' or 'final' (repeat for any of several).",
            completion: .list(Parse.statusNames + ["open", "final"]), transform: Parse.statusGroup)
    var status: [[Status]] = []
    @Option(name: .long, help: "Only commitments of this party (repeat for any of several).")
    var party: [String] = []
    @Option(name: .long, help: "Only commitments with this tag (repeat for any of several).")
    var tag: [String] = []
    @Option(name: .long, help: "Only commitments with this owner (repeat for any of several).")
    var owner: [String] = []
    @Option(name: .long, help: "Only commitments with these words (any case and accents) in their fields, notes or sources.")
    var search: String?
    @Flag(name: .long, help: "Only overdue commitments (as of --as-of), most overdue first.")
    var overdue = false

    /// The filter for the store.
    func filter(asOf day: CalendarDate) -> CommitmentFilter {
        var filter = CommitmentFilter()
        filter.statuses = Status.allCases.filter { status.joined().contains($0) }
        // Names and aliases find their ISO code (`--party "United States"` finds US).
        filter.parties = party.map { Party.code(for: $0) ?? $0 }
        filter.tags = tag
        filter.owners = owner
        filter.search = search
        filter.overdueOn = overdue ? day : nil
        return filter
    }
}

extension FilterOptions: QuickParsable {
    static var quickArguments: [QuickArgument<Self>] {
        [
            .repeated("--status", read: Parse.statusGroup) { $0.status = $1 },
            .repeated("--party") { $0.party = $1 },
            .repeated("--tag") { $0.tag = $1 },
            .repeated("--owner") { $0.owner = $1 },
            .option("--search") { $0.search = $1 },
            .flag("--overdue") { $0.overdue = $1 },
        ]
    }
}
