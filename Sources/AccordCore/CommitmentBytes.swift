/// A stored commitment as the raw UTF-8 text of its columns, valid only while the store's
/// callback runs: reports and exports format it straight into an output buffer, without
/// building strings or domain values for every row.
public struct CommitmentBytes {
    public var id: Int64
    public var uid: UnsafeRawBufferPointer
    public var title: UnsafeRawBufferPointer
    public var quote: UnsafeRawBufferPointer
    public var status: UnsafeRawBufferPointer
    /// JSON arrays of strings, as stored.
    public var parties: UnsafeRawBufferPointer
    public var owners: UnsafeRawBufferPointer
    public var tags: UnsafeRawBufferPointer
    public var madeOn: UnsafeRawBufferPointer
    public var occasion: UnsafeRawBufferPointer
    public var source: UnsafeRawBufferPointer
    /// nil for SQL NULL.
    public var due: UnsafeRawBufferPointer?
    public var dueBy: UnsafeRawBufferPointer?
    public var statusChangedOn: UnsafeRawBufferPointer
    public var lastUpdateOn: UnsafeRawBufferPointer

    public init(
        id: Int64, uid: UnsafeRawBufferPointer, title: UnsafeRawBufferPointer, quote: UnsafeRawBufferPointer,
        status: UnsafeRawBufferPointer, parties: UnsafeRawBufferPointer, owners: UnsafeRawBufferPointer,
        tags: UnsafeRawBufferPointer, madeOn: UnsafeRawBufferPointer, occasion: UnsafeRawBufferPointer,
        source: UnsafeRawBufferPointer, due: UnsafeRawBufferPointer?, dueBy: UnsafeRawBufferPointer?,
        statusChangedOn: UnsafeRawBufferPointer, lastUpdateOn: UnsafeRawBufferPointer
    ) {
        self.id = id
        self.uid = uid
        self.title = title
        self.quote = quote
        self.status = status
        self.parties = parties
        self.owners = owners
        self.tags = tags
        self.madeOn = madeOn
        self.occasion = occasion
        self.source = source
        self.due = due
        self.dueBy = dueBy
        self.statusChangedOn = statusChangedOn
        self.lastUpdateOn = lastUpdateOn
    }

    /// The status (the schema's CHECK guarantees a known name).
    public var statusValue: Status {
        // Compared as bytes: building a String per row cost more than the rest of a report row.
        Status.allCases.first { $0.rawValue.utf8.elementsEqual(status) } ?? .unassessed
    }

    /// The last day of the deadline, if any.
    public var dueByDate: CalendarDate? {
        dueBy.flatMap(CalendarDate.init(storedBytes:))
    }

    /// Where the row stands against its deadline on `day`.
    public func schedule(on day: CalendarDate) -> Schedule {
        Commitment.schedule(
            dueBy: dueByDate, status: statusValue,
            statusChangedOn: CalendarDate(storedBytes: statusChangedOn) ?? day, on: day)
    }
}

/// One history entry as raw column text, valid only during the store's callback.
public struct UpdateBytes {
    public var on: UnsafeRawBufferPointer
    public var fromStatus: UnsafeRawBufferPointer?
    public var toStatus: UnsafeRawBufferPointer?
    public var note: UnsafeRawBufferPointer
    public var source: UnsafeRawBufferPointer

    public init(on: UnsafeRawBufferPointer, fromStatus: UnsafeRawBufferPointer?, toStatus: UnsafeRawBufferPointer?,
                note: UnsafeRawBufferPointer, source: UnsafeRawBufferPointer) {
        self.on = on
        self.fromStatus = fromStatus
        self.toStatus = toStatus
        self.note = note
        self.source = source
    }
}

extension CalendarDate {
    /// Reads a stored `YYYY-MM-DD` without the full checks of ``init(parsing:)``: the schema's
    /// CHECK constraints already guarantee a real day.
    init?(storedBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 10 else { return nil }
        func digits(_ range: Range<Int>) -> Int {
            range.reduce(0) { $0 * 10 + Int(bytes[$1] &- 48) }
        }
        self.init(year: digits(0..<4), month: digits(5..<7), day: digits(8..<10))
    }
}

extension Commitment {
    /// Calls `body` with this commitment's columns as bytes, exactly as the store would hand
    /// them over; lets the same formatting serve values that are not stored (and tests).
    public func withBytes<T>(_ body: (CommitmentBytes, [UpdateBytes]) throws -> T) rethrows -> T {
        var storage: [UInt8] = []
        var ranges: [Range<Int>] = []
        func add(_ text: String?) {
            let start = storage.count
            storage.append(contentsOf: (text ?? "").utf8)
            ranges.append(start..<storage.count)
        }
        let fields: [String?] = [
            uid, title, quote, status.rawValue, JSONText.array(parties), JSONText.array(owners), JSONText.array(tags),
            madeOn.description, occasion, source, due?.text, due?.dueBy.description, statusChangedOn.description,
            lastUpdateOn.description,
        ]
        fields.forEach(add)
        for update in history {
            [update.on.description, update.fromStatus?.rawValue, update.toStatus?.rawValue, update.note, update.source]
                .forEach(add)
        }
        return try storage.withUnsafeBytes { buffer in
            func slice(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[ranges[index]]) }
            let row = CommitmentBytes(
                id: id ?? 0, uid: slice(0), title: slice(1), quote: slice(2), status: slice(3), parties: slice(4),
                owners: slice(5), tags: slice(6), madeOn: slice(7), occasion: slice(8), source: slice(9),
                due: due == nil ? nil : slice(10), dueBy: due == nil ? nil : slice(11), statusChangedOn: slice(12),
                lastUpdateOn: slice(13))
            let updates = history.indices.map { index in
                let base = 14 + index * 5
                return UpdateBytes(
                    on: slice(base), fromStatus: history[index].fromStatus == nil ? nil : slice(base + 1),
                    toStatus: history[index].toStatus == nil ? nil : slice(base + 2), note: slice(base + 3),
                    source: slice(base + 4))
            }
            return try body(row, updates)
        }
    }
}
