import AccordCore
import AccordRows
import ArgumentParser
import Foundation

/// The filters of `list` and `export`.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only this status (repeat for any of several).",
            completion: .list(Parse.statusNames), transform: Parse.status)
    var status: [Status] = []
    @Option(name: .long, help: "Only commitments of this party.")
    var party: String?
    @Option(name: .long, help: "Only commitments with this tag.")
    var tag: String?
    @Option(name: .long, help: "Only commitments with this owner.")
    var owner: String?
    @Option(name: .long, help: "Only commitments whose title, quote or occasion contains this text.")
    var search: String?
    @Flag(name: .long, help: "Only overdue commitments (as of --as-of), most overdue first.")
    var overdue = false

    /// The filter for the store.
    func filter(asOf day: CalendarDate) -> CommitmentFilter {
        var filter = CommitmentFilter()
        filter.statuses = status
        filter.party = party
        filter.tag = tag
        filter.owner = owner
        filter.search = search
        filter.overdueOn = overdue ? day : nil
        return filter
    }
}

