import AccordCore
import AccordRows
import Foundation

/// The scorecard's tally per party, counted by the stored text of each commitment's list of
/// parties and shared out among its parties when read: a data set holds few distinct lists,
/// so that a row costs one lookup of its list's bytes rather than decoding the list and
/// hashing each party's name.
struct PartyTallies {
    /// The day the tallies are for.
    let asOf: CalendarDate
    /// Per stored list (short enough to pack): its parties and their tally. Shared out into
    /// `byParty` whenever it grows past a few thousand lists, so that it stays small.
    private var byList: [PackedText: (parties: [String], tally: StatusTally)] = [:]
    private var byParty: [String: StatusTally] = [:]

    init(asOf day: CalendarDate) {
        asOf = day
    }

    /// Counts a state for each party of a stored list (`["US","MX"]`).
    mutating func add(_ state: DayState, list bytes: UnsafeRawBufferPointer?) throws {
        guard let key = bytes.flatMap(PackedText.init) else { return add(state, parties: try Self.parties(bytes)) }
        if let index = byList.index(forKey: key) {
            byList.values[index].tally.add(state, asOf: asOf)
            return
        }
        if byList.count >= 4096 { shareOut() }
        var tally = StatusTally()
        tally.add(state, asOf: asOf)
        byList[key] = (try Self.parties(bytes), tally)
    }

    /// Counts a state for each of `parties`.
    mutating func add(_ state: DayState, parties: [String]) {
        for party in parties { byParty[party, default: StatusTally()].add(state, asOf: asOf) }
    }

    /// The tally of each party.
    var groups: [String: StatusTally] {
        var copy = self
        copy.shareOut()
        return copy.byParty
    }

    private mutating func shareOut() {
        for (parties, tally) in byList.values {
            for party in parties { byParty[party] = byParty[party].map { Self.sum($0, tally) } ?? tally }
        }
        byList.removeAll()
    }

    private static func sum(_ first: StatusTally, _ second: StatusTally) -> StatusTally {
        var counts: [Status: Int] = [:]
        for status in Status.allCases { counts[status] = first.count(status) + second.count(status) }
        return StatusTally(counts: counts, overdue: first.overdue + second.overdue, onTime: first.onTime + second.onTime,
                           late: first.late + second.late)
    }

    private static func parties(_ bytes: UnsafeRawBufferPointer?) throws -> [String] {
        let text = bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""
        guard let parties = StoredList.decode(text) else {
            throw RowError.unreadableValue(column: CommitmentColumn.parties.name, text: text)
        }
        return parties
    }
}

/// How many commitments each occasion holds, for the report's title: the first few dozen
/// occasions met, recognised by their bytes (most rows repeat the occasion of the row before).
struct OccasionCounts {
    private var occasions: [(name: String, bytes: [UInt8], count: Int)] = []
    private var last = 0
    static let limit = 64

    /// Counts an occasion's text (nothing for an empty one).
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        if last < occasions.count, HTMLParts.isEqual(occasions[last].bytes, bytes) {
            occasions[last].count += 1
        } else if let index = occasions.firstIndex(where: { HTMLParts.isEqual($0.bytes, bytes) }) {
            occasions[index].count += 1
            last = index
        } else if occasions.count < Self.limit {
            occasions.append((String(decoding: bytes, as: UTF8.self), Array(bytes), 1))
            last = occasions.count - 1
        }
    }

    /// Counts an occasion.
    mutating func add(_ occasion: String) {
        var occasion = occasion
        occasion.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// The occasion most commitments were made at (the first by name of those tied).
    var top: String? { occasions.max { ($0.count, $1.name) < ($1.count, $0.name) }?.name }

    /// The occasions counted.
    var names: [String] { occasions.map(\.name) }
}

/// Up to 31 bytes of text and their count, packed for hashing; nil for a longer text.
struct PackedText: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count < 32 else { return nil }
        words.3 = UInt64(bytes.count) << 56
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) }
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
