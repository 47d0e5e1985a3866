import AccordCore

/// Rows packed into one buffer: the unit the store hands from its reading thread to the
/// formatting one, and the only way to make a ``CommitmentRow``.
///
/// Each row is its id (8 bytes), its number of history entries (4), then one field per
/// ``CommitmentColumn`` and one per ``UpdateColumn`` for each entry, in their order, each a
/// length (4 bytes, -1 for NULL) and the bytes. A struct, filled through `inout`: a class's
/// stored properties, changed field by field, cost a run-time exclusivity check each.
public struct RowBatch {
    private let buffer = ByteBuffer(capacity: RowBatch.targetSize + 4096)
    /// Where the current row's count of history entries is.
    private var historyCountOffset = 0
    /// Set on the last batch.
    public var isLast = false
    /// Why reading stopped early, for the formatting thread to throw.
    public var error: (any Error)?

    /// Bytes after which a batch is handed over (it grows to hold a single larger row).
    public static let targetSize = 1 << 17

    /// An empty batch.
    public init() {}

    /// Whether the batch should be handed over.
    public var isFull: Bool { buffer.count >= Self.targetSize }

    /// Empties the batch, keeping its memory.
    public mutating func removeAll() {
        buffer.removeAll()
        isLast = false
        error = nil
    }

    /// Starts a row; its fields follow in ``CommitmentColumn`` order.
    public mutating func beginRow(id: Int64) {
        buffer.appendRaw(id)
        historyCountOffset = buffer.count
        buffer.appendRaw(Int32(0))
    }

    /// Starts a history entry of the current row; its fields follow in ``UpdateColumn`` order.
    public func beginHistoryEntry() {
        buffer.storeRaw(buffer.loadRaw(Int32.self, at: historyCountOffset) + 1, at: historyCountOffset)
    }

    /// Adds the next field, nil for SQL NULL. The bytes are copied.
    public func add(_ field: UnsafeRawBufferPointer?) {
        guard let field else {
            buffer.appendRaw(Int32(-1))
            return
        }
        buffer.appendRaw(Int32(field.count))
        buffer.append(field)
    }

    /// Adds the next field from a string, nil for SQL NULL.
    public func add(_ text: String?) {
        guard var text else {
            add(nil as UnsafeRawBufferPointer?)
            return
        }
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with each row in turn. The rows point into the batch: do not let them
    /// (or their bytes) escape `body`.
    public func forEachRow(_ body: (CommitmentRow) throws -> Void) throws {
        try buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let row = CommitmentRow(
                    id: base.loadUnaligned(fromByteOffset: offset, as: Int64.self),
                    historyCount: Int(base.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)),
                    fields: base + offset + 12)
                offset = row.end - base
                try body(row)
            }
        }
    }
}

extension RowBatch {
    /// Adds a domain value as a row, laid out exactly as the store lays out stored rows; with
    /// `includeHistory`, its history too.
    public mutating func add(_ commitment: Commitment, includeHistory: Bool) {
        beginRow(id: commitment.id ?? 0)
        for column in CommitmentColumn.allCases { add(commitment.storedText(column)) }
        guard includeHistory else { return }
        for update in commitment.history {
            beginHistoryEntry()
            for column in UpdateColumn.allCases { add(update.storedText(column)) }
        }
    }

    /// Calls `body` with the batch's first row, which must exist. Do not let the row escape
    /// `body`.
    public func withFirstRow<T>(_ body: (CommitmentRow) throws -> T) rethrows -> T {
        let base = UnsafeRawPointer(buffer.state.pointee.base)
        return try body(CommitmentRow(
            id: base.loadUnaligned(as: Int64.self),
            historyCount: Int(base.loadUnaligned(fromByteOffset: 8, as: Int32.self)),
            fields: base + 12))
    }
}

extension Commitment {
    /// Calls `body` with this commitment laid out exactly as the store hands stored rows over,
    /// so that the same formatting serves values that are not stored. Do not let the row
    /// escape `body`.
    public func withRow<T>(_ body: (CommitmentRow) throws -> T) rethrows -> T {
        var batch = RowBatch()
        batch.add(self, includeHistory: true)
        return try batch.withFirstRow(body)
    }

    /// The text the store keeps in `column` for this commitment, nil for NULL.
    public func storedText(_ column: CommitmentColumn) -> String? {
        switch column {
        case .uid: uid
        case .title: title
        case .quote: quote
        case .parties: StoredList.encode(parties)
        case .owners: StoredList.encode(owners)
        case .tags: StoredList.encode(tags)
        case .madeOn: madeOn.description
        case .occasion: occasion
        case .source: source
        case .due: due?.text
        case .dueBy: due?.dueBy.description
        case .status: status.rawValue
        case .statusChangedOn: statusChangedOn.description
        case .lastUpdateOn: lastUpdateOn.description
        }
    }
}

extension Update {
    /// The text the store keeps in `column` for this entry, nil for NULL.
    public func storedText(_ column: UpdateColumn) -> String? {
        switch column {
        case .on: on.description
        case .fromStatus: fromStatus?.rawValue
        case .toStatus: toStatus?.rawValue
        case .note: note
        case .source: source
        case .changes: StoredChanges.encode(changes)
        }
    }
}
