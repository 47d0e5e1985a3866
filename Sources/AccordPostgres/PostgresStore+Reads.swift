import AccordCore
import AccordRows
import AccordStore
import Foundation
import PostgresNIO

// MARK: - Reads

extension PostgresStore {
    /// How many commitments are stored.
    public func count() throws -> Int {
        Int(try value("SELECT count(*) FROM commitment", as: Int64.self) ?? 0)
    }

    /// The day the earliest stored commitment was made, nil when there is none.
    public func firstMadeOn() throws -> CalendarDate? {
        try value("SELECT min(made_on)::text FROM commitment", as: String.self).map { text in
            do { return try CalendarDate(parsing: text) } catch {
                throw RowError.unreadableValue(column: CommitmentColumn.madeOn.name, text: text)
            }
        }
    }

    /// Streams every update in date order (then in the order recorded; the reverse with
    /// `newestFirst`), optionally limited to a date range, one commitment and a count, from
    /// one snapshot, `fetchSize` at a time.
    public func forEachUpdate(
        since: CalendarDate?, until: CalendarDate?, commitmentId: Int64?, newestFirst: Bool, limit: Int?,
        _ body: (LogEntry) throws -> Void
    ) throws {
        try readTransaction(settings: [Self.readsEveryRow]) {
            var text = SQLText()
            var conditions: [String] = []
            if let commitmentId {
                text.sql = "SELECT 1 FROM commitment WHERE id = \(text.bind(commitmentId))"
                guard try !rows(text.query).isEmpty else { throw StoreError.unknownID(commitmentId) }
                text = SQLText()
                conditions.append("u.commitment_id = \(text.bind(commitmentId))")
            }
            if let since { conditions.append("u.on_date >= \(text.bind(since.description))::date") }
            if let until { conditions.append("u.on_date <= \(text.bind(until.description))::date") }
            text.sql = "DECLARE accord_log NO SCROLL CURSOR FOR SELECT \(PostgresColumns.update), c.uid, c.title, "
                + "c.made_on::text FROM progress_update u JOIN commitment c ON c.id = u.commitment_id"
                + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                + (newestFirst ? " ORDER BY u.on_date DESC, u.id DESC" : " ORDER BY u.on_date, u.id")
                + (limit.map { " LIMIT \(text.bind(Int64(max(0, $0))))" } ?? "")
            try rows(text.query)
            let connection = connection, logger = logger
            let fetch: @Sendable () async throws -> [PostgresRow] = {
                try await Self.fetch(from: "accord_log", connection: connection, logger: logger)
            }
            var pending = Pending(fetch)
            defer { _ = try? pending.wait() }
            while true {
                let fetched = try mapErrors { try pending.wait() }
                let isLast = fetched.count < Self.fetchSize
                if !isLast { pending = Pending(fetch) }
                for row in fetched { try body(try logEntry(row)) }
                if isLast { return }
            }
        }
    }

    private func logEntry(_ row: PostgresRow) throws -> LogEntry {
        let cells = row.makeRandomAccess()
        func text(_ index: Int) -> String? { cells[index].bytes.map { String(buffer: $0) } }
        let first = UpdateColumn.allCases.count + 1
        let madeOnText = text(first + 2) ?? ""
        guard let madeOn = try? CalendarDate(parsing: madeOnText) else {
            throw RowError.unreadableValue(column: CommitmentColumn.madeOn.name, text: madeOnText)
        }
        let update = try Update(storedText: { text($0.rawValue + 1) }, madeOn: madeOn)
        return LogEntry(commitmentId: try mapErrors { try cells[0].decode(Int64.self) },
                        uid: text(first) ?? "", title: text(first + 1) ?? "", update: update)
    }
}
