import AccordCore

// Domain values from the stored text of their columns: the one decoding used for GRDB records
// and for byte rows alike. A value that does not parse is an error, never a default.

extension Commitment {
    /// The commitment whose columns hold `text(column)`, with the given history.
    public init(id: Int64?, storedText text: (CommitmentColumn) -> String?, history: [Update]) throws {
        func required(_ column: CommitmentColumn) throws -> String {
            guard let value = text(column) else { throw RowError.unreadableValue(column: column.name, text: "NULL") }
            return value
        }
        func parsed<T>(_ column: CommitmentColumn, _ parse: (String) throws(AccordError) -> T) throws -> T {
            let value = try required(column)
            do { return try parse(value) } catch { throw RowError.unreadableValue(column: column.name, text: value) }
        }
        func list(_ column: CommitmentColumn) throws -> [String] {
            try parsed(column) { value throws(AccordError) in
                guard let values = StoredList.decode(value) else { throw .invalidCharacters(column.name, value) }
                return values
            }
        }
        let madeOn = try parsed(.madeOn) { value throws(AccordError) in try CalendarDate(parsing: value) }
        let due = try text(.due).map { _ in
            try parsed(.due) { value throws(AccordError) in try Due(parsing: value, madeOn: madeOn) }
        }
        self.init(
            id: id, uid: try required(.uid), title: try required(.title), quote: try required(.quote),
            parties: try list(.parties), owners: try list(.owners), tags: try list(.tags),
            madeOn: madeOn, occasion: try required(.occasion), source: try required(.source), due: due,
            status: try parsed(.status) { value throws(AccordError) in try Status(parsing: value) },
            statusChangedOn: try parsed(.statusChangedOn) { value throws(AccordError) in try CalendarDate(parsing: value) },
            lastUpdateOn: try parsed(.lastUpdateOn) { value throws(AccordError) in try CalendarDate(parsing: value) },
            history: history)
    }

    /// The commitment a row holds, with the history the row carries.
    public init(row: CommitmentRow) throws {
        let madeOnText = row.text(.madeOn) ?? ""
        let madeOn = (try? CalendarDate(parsing: madeOnText)) ?? .epoch
        var history: [Update] = []
        try row.forEachUpdate { update in
            history.append(try Update(storedText: { update.text($0) }, madeOn: madeOn))
        }
        try self.init(id: row.id, storedText: row.text, history: history)
    }
}

extension Update {
    /// The history entry whose columns hold `text(column)`, for a commitment made on `madeOn`.
    public init(storedText text: (UpdateColumn) -> String?, madeOn: CalendarDate) throws {
        func required(_ column: UpdateColumn) throws -> String {
            guard let value = text(column) else { throw RowError.unreadableValue(column: column.name, text: "NULL") }
            return value
        }
        func status(_ column: UpdateColumn) throws -> Status? {
            guard let value = text(column) else { return nil }
            guard let status = Status(rawValue: value) else { throw RowError.unreadableValue(column: column.name, text: value) }
            return status
        }
        let on = try required(.on)
        guard let day = try? CalendarDate(parsing: on) else { throw RowError.unreadableValue(column: UpdateColumn.on.name, text: on) }
        var changes: [FieldChange] = []
        if let stored = text(.changes) {
            guard let decoded = StoredChanges.decode(stored, madeOn: madeOn) else {
                throw RowError.unreadableValue(column: UpdateColumn.changes.name, text: stored)
            }
            changes = decoded
        }
        self.init(
            on: day, fromStatus: try status(.fromStatus), toStatus: try status(.toStatus),
            note: try required(.note), source: try required(.source), changes: changes)
    }
}

extension UpdateRow {
    /// The text of `column`, nil for SQL NULL.
    public func text(_ column: UpdateColumn) -> String? {
        withUnsafeBytes(of: column) { $0.map { String(decoding: $0, as: UTF8.self) } }
    }
}

extension CommitmentRow {
    /// The last day of the deadline given when the commitment was made, before any edit moved
    /// it: read from the row's history (rows read without history give the current one).
    public func originalDueBy() throws -> CalendarDate? {
        var original: CalendarDate??
        try forEachUpdate { update in
            guard original == nil, let changes = update.text(.changes), changes.contains("\"due_by\"") else { return }
            guard let pair = StoredChanges.dueByPair(changes) else {
                throw RowError.unreadableValue(column: UpdateColumn.changes.name, text: changes)
            }
            original = .some(pair.before)
        }
        if let original { return original }
        return try dueBy()
    }

    /// Whether it was fulfilled (or partly) after its original deadline; nil while it has no
    /// verdict of delivery or had no original deadline (``Commitment/isLateAgainstOriginal``).
    public func isLateAgainstOriginal() throws -> Bool? {
        let status = try status()
        guard status == .fulfilled || status == .partial, let original = try originalDueBy() else { return nil }
        return try statusChangedOn() > original
    }
}

extension CommitmentRow {
    /// The row's timeline (``Commitment/timeline``), read from its bytes and history without
    /// building the whole commitment: what `trend` reads for each commitment.
    public func timeline() throws -> Timeline {
        let madeOn = try withUnsafeBytes(of: .madeOn) {
            try RowFields.date($0 ?? UnsafeRawBufferPointer(start: nil, count: 0), column: CommitmentColumn.madeOn.name)
        }
        var statusChanges: [Timeline.StatusChange] = []
        var deadlineChanges: [Timeline.DeadlineChange] = []
        try forEachUpdate { update in
            let on = try update.withUnsafeBytes(of: .on) {
                try RowFields.date($0 ?? UnsafeRawBufferPointer(start: nil, count: 0), column: UpdateColumn.on.name)
            }
            if let status = try update.withUnsafeBytes(of: .toStatus, { bytes in
                try bytes.map { try RowFields.status($0, column: UpdateColumn.toStatus.name) }
            }) {
                statusChanges.append(.init(on: on, status: status))
            }
            if let changes = update.text(.changes), changes.contains("\"due_by\"") {
                guard let pair = StoredChanges.dueByPair(changes) else {
                    throw RowError.unreadableValue(column: UpdateColumn.changes.name, text: changes)
                }
                deadlineChanges.append(.init(on: on, before: pair.before))
            }
        }
        return Timeline(madeOn: madeOn, statusChanges: statusChanges, deadlineChanges: deadlineChanges, dueBy: try dueBy())
    }

    /// A stored list's values (parties, owners, tags).
    public func list(_ column: CommitmentColumn) throws -> [String] {
        let text = self.text(column) ?? ""
        guard let values = StoredList.decode(text) else { throw RowError.unreadableValue(column: column.name, text: text) }
        return values
    }
}
