import AccordCore
import Foundation
import GRDB

/// The one type that owns Accord's database: it opens it, migrates it, and performs every
/// read and write as a single transaction.
public final class AppDatabase: Sendable {
    /// Whether a command only reads or also writes.
    public enum Access: Sendable {
        /// Reads never create, migrate nor lock the database for writing (unless it must be
        /// migrated first).
        case read
        /// Creates the database file (0600) when missing and migrates it.
        case write
    }

    /// What `import` does with a uid that is already stored.
    public enum ExistingPolicy: Sendable {
        /// Reject the whole file.
        case fail
        /// Keep the stored commitment and ignore the file's.
        case skip
        /// Replace the stored commitment, keeping its id.
        case replace
    }

    /// What an import did.
    public struct ImportSummary: Sendable, Equatable {
        public var inserted = 0
        public var skipped = 0
        public var replaced = 0
    }

    /// How long a write waits for other processes before giving up.
    static let busyTimeout: TimeInterval = 15

    private let dbWriter: any DatabaseWriter
    /// The path shown in messages.
    let path: String

    /// Wraps a database connection and migrates it; refuses a database from a newer Accord.
    public convenience init(_ dbWriter: any DatabaseWriter, path: String = ":memory:") throws {
        try self.init(dbWriter, path: path, migrations: Migrations.all)
    }

    /// Wraps a connection and applies `migrations`.
    init(_ dbWriter: any DatabaseWriter, path: String, migrations: [(name: String, sql: [UInt8])]) throws {
        self.dbWriter = dbWriter
        self.path = path
        try Self.mapErrors(path: path) {
            try Self.migrate(dbWriter, path: path, migrations: migrations)
        }
    }

    /// The configuration shared by the application and the tests; `isStaging` for a new
    /// database being built in a file no other process knows of.
    public static func makeConfiguration(_ base: Configuration = Configuration(), isStaging: Bool = false) -> Configuration {
        var config = base
        config.foreignKeysEnabled = true
        // Other accord processes may be writing: wait for them instead of failing at once.
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            guard !isStaging else {
                // A staging file is seen by no other process and deleted if anything fails:
                // it needs neither WAL nor a journal on disk nor a sync per commit, so an
                // import into a new database writes its data once instead of twice.
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = MEMORY")
                guard mode == "memory" else {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not set up the new database")
                }
                try db.execute(sql: "PRAGMA synchronous = OFF")
                return
            }
            // WAL lets readers and one writer work at once across processes. It is set here
            // rather than with `journalMode = .wal`, whose set-up writes a dummy table at
            // every open and so changes the file even when a command only fails.
            // On a database already in WAL mode this statement writes nothing.
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            guard mode == "wal" || mode == "memory" else {
                throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not turn on WAL mode")
            }
            // A commit survives power loss, not only a killed process.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// A new empty in-memory database, for tests.
    public static func makeEmpty() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: makeConfiguration()))
    }

    /// Opens the database file at `path`, creating it (readable and writable by its owner only)
    /// for writes, and migrating it.
    public static func open(path: String, access: Access) throws -> AppDatabase {
        let fileManager = FileManager.default
        let exists = fileManager.fileExists(atPath: path)
        if !exists {
            let folder = (path as NSString).deletingLastPathComponent
            guard folder.isEmpty || fileManager.fileExists(atPath: folder) else {
                throw StoreError.missingFolder(path)
            }
            guard access == .write else { throw StoreError.noDatabase(path) }
            try createFile(path)
        }
        return try mapErrors(path: path) {
            if access == .read {
                let queue: DatabaseQueue
                let isCurrent: Bool
                do {
                    (queue, isCurrent) = try openForReading(path)
                } catch let error as DatabaseError
                            where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
                    // A WAL database in a folder we cannot write: SQLite cannot make the
                    // shared-memory file readers need. No writer is active (it would have made
                    // one), so the file can be read as immutable.
                    (queue, isCurrent) = try openForReading("file:" + uriEscaped(path) + "?immutable=1")
                }
                if isCurrent { return try AppDatabase(queue, path: path) }
                // An older schema: migrate it once, then read.
                try queue.close()
            }
            // One connection is all a command needs; WAL lets other processes read meanwhile.
            return try withSetupLock(path) {
                try AppDatabase(DatabaseQueue(path: path, configuration: makeConfiguration()), path: path)
            }
        }
    }

    /// Runs `body` on the database at `path`, opened for writing. When no database exists there
    /// yet, `body` fills a new one in a hidden file beside it, which takes the place of `path`
    /// only once `body` has succeeded: a failed import leaves no empty database behind. A
    /// database that another process creates at `path` meanwhile is never overwritten.
    public static func write<T>(creatingAt path: String, _ body: (AppDatabase) throws -> T) throws -> T {
        let folder = (path as NSString).deletingLastPathComponent
        guard !FileManager.default.fileExists(atPath: path), access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            // An existing database, or a folder that open(path:access:) explains the trouble with.
            return try body(try open(path: path, access: .write))
        }
        let prefix = "." + (path as NSString).lastPathComponent + ".new-"
        removeStagingFiles(in: folder.isEmpty ? "." : folder, prefix: prefix)
        let staging = (folder.isEmpty ? "" : folder + "/") + prefix + "\(getpid())-\(UInt32.random(in: .min ... .max))"
        defer {
            for suffix in ["", "-wal", "-shm"] { unlink(staging + suffix) }
        }
        try createFile(staging, shownAs: path)
        let store = try mapErrors(path: path) {
            try withSetupLock(staging) {
                try AppDatabase(DatabaseQueue(path: staging, configuration: makeConfiguration(isStaging: true)), path: path)
            }
        }
        let result: T
        do {
            result = try body(store)
        } catch {
            try? store.dbWriter.close()
            throw error
        }
        // Into WAL mode like every Accord database, then onto the disk before it is published.
        try mapErrors(path: path) {
            try store.dbWriter.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else {
                    throw DatabaseError(resultCode: .SQLITE_ERROR, message: "could not turn on WAL mode")
                }
            }
            try store.dbWriter.close()
        }
        try sync(staging, shownAs: path)
        // A hard link fails if a file appeared at `path`; where the file system has no hard
        // links, a rename after checking comes closest.
        if link(staging, path) != 0 {
            let code = errno
            guard code != EEXIST, !FileManager.default.fileExists(atPath: path) else {
                throw StoreError.createdMeanwhile(path)
            }
            guard rename(staging, path) == 0 else {
                throw StoreError.cannotOpen(path, String(cString: strerror(errno)))
            }
        }
        // The new name, too, must survive a power loss.
        try? sync(folder.isEmpty ? "." : folder, shownAs: path)
        return result
    }

    /// Flushes a file (or a folder's entries) to the disk.
    private static func sync(_ path: String, shownAs shown: String) throws {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.cannotOpen(shown, String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.cannotOpen(shown, String(cString: strerror(errno))) }
    }

    /// Removes the staging files (`<prefix><pid>-<random>`, and their -wal and -shm) that
    /// processes killed while creating a database left behind.
    private static func removeStagingFiles(in folder: String, prefix: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }),
                  kill(pid, 0) != 0 && errno == ESRCH else { continue }
            unlink(folder + "/" + name)
        }
    }

    /// Descriptors kept open for the life of the process: closing any descriptor of a file
    /// drops the process's POSIX locks on it, SQLite's included.
    nonisolated(unsafe) private static var setupLockDescriptors: [Int32] = []
    private static let setupLockGuard = NSLock()

    /// Runs the opening of a database (turning on WAL, migrating) while holding an exclusive
    /// flock on its file, so that processes opening a brand-new database one moment apart set
    /// it up one after the other instead of racing for SQLite's locks. flock and SQLite's
    /// fcntl locks do not interact on Linux. After 15 s it goes ahead without the lock.
    private static func withSetupLock<T>(_ path: String, _ body: () throws -> T) throws -> T {
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return try body() }
        setupLockGuard.withLock { setupLockDescriptors.append(fd) }
        var isLocked = false
        for _ in 0..<1500 {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                isLocked = true
                break
            }
            usleep(10_000)
        }
        defer { if isLocked { flock(fd, LOCK_UN) } }
        return try body()
    }

    /// Opens a read-only connection and tells whether the schema is current.
    private static func openForReading(_ path: String) throws -> (DatabaseQueue, Bool) {
        var config = makeConfiguration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        let isCurrent = try queue.read { db in
            try checkIsAccordDatabase(db, path: path)
            return try Migrations.migrator().hasCompletedMigrations(db)
        }
        return (queue, isCurrent)
    }

    /// Escapes a path for an SQLite URI filename.
    private static func uriEscaped(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x80...:
                result += "%" + String(format: "%02X", byte)
            default:
                result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }

    /// Creates an empty file with mode 0600 whatever the umask; SQLite gives its -wal and
    /// -shm files the same mode. Messages name `shown` (the database a staging file is for).
    private static func createFile(_ path: String, shownAs shown: String? = nil) throws {
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd < 0 {
            let code = errno
            // Another process created it first: use theirs.
            if code == EEXIST { return }
            if code == EACCES || code == EROFS || code == EPERM {
                throw StoreError.cannotOpen(shown ?? path, "its folder is not writable")
            }
            throw StoreError.cannotOpen(shown ?? path, String(cString: strerror(code)))
        }
        fchmod(fd, 0o600)
        close(fd)
    }

    /// Refuses a database that another application made, before anything is written to it.
    private static func checkIsAccordDatabase(_ db: Database, path: String) throws {
        let hasTables = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name NOT LIKE 'sqlite_%')") ?? false
        if hasTables, try !db.tableExists("grdb_migrations") {
            throw StoreError.notADatabase(path)
        }
    }

    /// Applies missing migrations, each in its own transaction, refusing a newer schema.
    private static func migrate(
        _ writer: any DatabaseWriter, path: String, migrations: [(name: String, sql: [UInt8])]
    ) throws {
        let migrator = Migrations.migrator(migrations)
        let known = Set(migrations.map(\.name))
        let applied = try writer.read { db in
            try checkIsAccordDatabase(db, path: path)
            return try migrator.appliedIdentifiers(db)
        }
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else { throw StoreError.newerSchema(path, unknown.sorted()) }
        guard applied != known else { return }
        // Two processes opening a new database can both try the first migration; the loser's
        // transaction rolls back, and trying again finds the work done.
        var attempt = 0
        while true {
            do {
                try migrator.migrate(writer)
                return
            } catch let error as DatabaseError where attempt < 3 && error.resultCode == .SQLITE_ERROR {
                attempt += 1
                let isDone = try writer.read { try migrator.hasCompletedMigrations($0) }
                if isDone { return }
            }
        }
    }

    /// Runs `body`, turning SQLite's errors into messages about this database.
    static func mapErrors<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw storeError(error, path: path)
        }
    }

    static func storeError(_ error: DatabaseError, path: String) -> Error {
        switch error.resultCode {
        case .SQLITE_NOTADB: return StoreError.notADatabase(path)
        case .SQLITE_CORRUPT: return StoreError.corrupt(path)
        case .SQLITE_READONLY, .SQLITE_PERM: return StoreError.readOnly(path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy(path)
        case .SQLITE_FULL: return StoreError.diskFull(path)
        case .SQLITE_CANTOPEN:
            return StoreError.cannotOpen(path, error.message ?? "unable to open the file")
        default: return StoreError.database(error.message ?? "\(error)")
        }
    }

    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        try Self.mapErrors(path: path) { try dbWriter.write(updates) }
    }

    func read<T>(_ value: (Database) throws -> T) throws -> T {
        try Self.mapErrors(path: path) { try dbWriter.read(value) }
    }
}

// MARK: - Writes

extension AppDatabase {
    /// Stores a new commitment with its history and returns it with its id.
    public func add(_ commitment: Commitment) throws -> Commitment {
        try write { db in
            try insert(commitment, db, place: nil)
        }
    }

    /// Loads a commitment, lets `change` apply a domain rule to it and return the history
    /// entry it made, then stores both in one transaction: both or neither.
    @discardableResult
    public func change(
        id: Int64, _ change: (inout Commitment) throws -> Update
    ) throws -> Commitment {
        try write { db in
            guard let record = try CommitmentRecord.fetchOne(db, key: id) else {
                throw StoreError.unknownID(id)
            }
            var commitment = try record.commitment()
            let update = try change(&commitment)
            try CommitmentRecord(commitment).update(db)
            try appendUpdate(update, to: id, db)
            return commitment
        }
    }

    /// Imports commitments as `produce` hands them over, all in one transaction: the first
    /// error rolls everything back. `produce` calls its argument with each commitment and the
    /// place it came from ("line 4").
    public func importCommitments(
        policy: ExistingPolicy,
        _ produce: (_ store: (Commitment, String) throws -> Void) throws -> Void
    ) throws -> ImportSummary {
        try write { db in
            var summary = ImportSummary()
            var seenUIDs = Set<String>()
            var seenIDs = Set<Int64>()
            try produce { commitment, place in
                var commitment = commitment
                // The same commitment twice in one file is a mistake whatever the policy.
                guard seenUIDs.insert(commitment.uid).inserted else {
                    throw StoreError.duplicateInFile("uid", commitment.uid, place: place)
                }
                if let id = commitment.id, !seenIDs.insert(id).inserted {
                    throw StoreError.duplicateInFile("id", String(id), place: place)
                }
                // With the default policy the UNIQUE constraint finds stored uids: no lookup.
                if policy != .fail, let existing = try CommitmentRecord.fetchOne(
                    try db.cachedStatement(sql: "SELECT * FROM commitment WHERE uid = ?"),
                    arguments: [commitment.uid]) {
                    switch policy {
                    case .fail:
                        throw StoreError.duplicateUID(commitment.uid, place: place)
                    case .skip:
                        summary.skipped += 1
                        return
                    case .replace:
                        _ = try existing.delete(db)
                        commitment.id = existing.id
                        summary.replaced += 1
                    }
                } else {
                    summary.inserted += 1
                }
                _ = try insert(commitment, db, place: place)
            }
            return summary
        }
    }

    /// Inserts a commitment and its history; keeps a given id when it is free. Statements
    /// are prepared once per connection: an import runs them for every row.
    private func insert(_ commitment: Commitment, _ db: Database, place: String?) throws -> Commitment {
        let record = CommitmentRecord(commitment)
        var id = record.id
        if let wanted = id,
           try Bool.fetchOne(try db.cachedStatement(sql: "SELECT 1 FROM commitment WHERE id = ?"), arguments: [wanted]) == true {
            id = nil
        }
        do {
            let statement = try db.cachedStatement(sql: """
                INSERT INTO commitment (id, uid, title, quote, parties, owners, tags, made_on, occasion,
                    source, due, due_by, status, status_changed_on, last_update_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try execute(statement, [
                id.map(SQLArgument.integer) ?? .null, .text(record.uid), .text(record.title), .text(record.quote),
                .text(record.parties), .text(record.owners), .text(record.tags), .text(record.madeOn),
                .text(record.occasion), .text(record.source), record.due.map(SQLArgument.text) ?? .null,
                record.dueBy.map(SQLArgument.text) ?? .null, .text(record.status), .text(record.statusChangedOn),
                .text(record.lastUpdateOn),
            ])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreError.duplicateUID(commitment.uid, place: place)
        }
        let storedID = db.lastInsertedRowID
        for update in commitment.history {
            try appendUpdate(update, to: storedID, db)
        }
        var stored = commitment
        stored.id = storedID
        return stored
    }

    private func appendUpdate(_ update: Update, to commitmentId: Int64, _ db: Database) throws {
        let record = UpdateRecord(update, commitmentId: commitmentId)
        let statement = try db.cachedStatement(sql: """
            INSERT INTO progress_update (commitment_id, on_date, from_status, to_status, note, source)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        try execute(statement, [
            .integer(record.commitmentId), .text(record.onDate), record.fromStatus.map(SQLArgument.text) ?? .null,
            record.toStatus.map(SQLArgument.text) ?? .null, .text(record.note), .text(record.source),
        ])
    }
}

// MARK: - Reads

extension AppDatabase {
    /// One commitment with its whole history.
    public func commitment(id: Int64) throws -> Commitment {
        try read { db in
            guard let record = try CommitmentRecord.fetchOne(db, key: id) else {
                throw StoreError.unknownID(id)
            }
            return try record.commitment(history: try history(of: id, db))
        }
    }

    /// Streams the commitments that match `filter` to `body`, by id (or most overdue first
    /// for an overdue filter), without holding them all in memory. With `includeHistory`,
    /// each comes with its history.
    public func forEachCommitment(
        matching filter: CommitmentFilter, includeHistory: Bool = false,
        _ body: (Commitment) throws -> Void
    ) throws {
        try read { db in
            let cursor = try CommitmentRecord.all().matching(filter).fetchCursor(db)
            while let record = try cursor.next() {
                let history = includeHistory ? try history(of: record.id ?? 0, db) : []
                try body(try record.commitment(history: history))
            }
        }
    }

    /// Streams every update in date order (then in the order recorded), optionally limited to
    /// a date range and one commitment.
    public func forEachUpdate(
        since: CalendarDate?, until: CalendarDate?, commitmentId: Int64?, _ body: (LogEntry) throws -> Void
    ) throws {
        try read { db in
            if let commitmentId, try !CommitmentRecord.exists(db, key: commitmentId) {
                throw StoreError.unknownID(commitmentId)
            }
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let since { conditions.append("u.on_date >= ?"); arguments += [since.description] }
            if let until { conditions.append("u.on_date <= ?"); arguments += [until.description] }
            if let commitmentId { conditions.append("u.commitment_id = ?"); arguments += [commitmentId] }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT u.*, c.uid AS commitment_uid, c.title AS commitment_title
                FROM progress_update u JOIN commitment c ON c.id = u.commitment_id
                \(whereClause)
                ORDER BY u.on_date, u.id
                """, arguments: arguments)
            while let row = try rows.next() {
                try body(LogEntry(
                    commitmentId: row["commitment_id"], uid: row["commitment_uid"], title: row["commitment_title"],
                    update: try UpdateRecord(row: row).update()))
            }
        }
    }

    /// How many commitments are stored.
    public func count() throws -> Int {
        try read { db in try CommitmentRecord.fetchCount(db) }
    }

    private func history(of id: Int64, _ db: Database) throws -> [Update] {
        try UpdateRecord.all().history(of: id).fetchAll(db).map { try $0.update() }
    }
}

extension DerivableRequest<CommitmentRecord> {
    /// The commitments that `filter` lets through, in report order. Every value is a bound
    /// parameter; LIKE patterns escape `%`, `_` and `\`.
    func matching(_ filter: CommitmentFilter) -> Self {
        var request = self
        if !filter.statuses.isEmpty {
            request = request.filter(filter.statuses.map(\.rawValue).contains(CommitmentRecord.Columns.status))
        }
        for (column, value) in [("parties", filter.party), ("owners", filter.owner), ("tags", filter.tag)] {
            guard let value else { continue }
            request = request.filter(
                sql: "EXISTS (SELECT 1 FROM json_each(commitment.\(column)) WHERE value = ? COLLATE NOCASE)",
                arguments: [value])
        }
        if let search = filter.search {
            let pattern = "%" + likeEscaped(search) + "%"
            request = request.filter(
                sql: "(title LIKE ? ESCAPE '\\' OR quote LIKE ? ESCAPE '\\' OR occasion LIKE ? ESCAPE '\\')",
                arguments: [pattern, pattern, pattern])
        }
        // Both deadline reports take the shape of the partial index commitment_open_due, so
        // that they read only the rows they show, already in order.
        let openDue = "due_by IS NOT NULL AND status IN ("
            + Status.openStatuses.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
        if let day = filter.overdueOn {
            // The same rule as Commitment.daysOverdue.
            request = request.filter(sql: openDue + " AND due_by < ?", arguments: [day.description])
        }
        if let range = filter.dueBetween {
            request = request.filter(
                sql: openDue + " AND due_by BETWEEN ? AND ?",
                arguments: [range.lowerBound.description, range.upperBound.description])
        }
        if filter.overdueOn != nil || filter.dueBetween != nil {
            return request.order(CommitmentRecord.Columns.dueBy, CommitmentRecord.Columns.id)
        }
        return request.order(CommitmentRecord.Columns.id)
    }
}

/// Escapes LIKE's wildcards so that user text matches literally.
func likeEscaped(_ text: String) -> String {
    var result = ""
    for character in text {
        if character == "%" || character == "_" || character == "\\" { result.append("\\") }
        result.append(character)
    }
    return result
}

// MARK: - Diagnostics for tests

extension AppDatabase {
    /// Runs raw SQL, bypassing the domain: lets tests prove that the schema itself refuses
    /// bad rows.
    func rawWrite(_ sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }

    /// SQLite's query plan for a filter's query, one detail per line.
    func queryPlan(for filter: CommitmentFilter) throws -> String {
        let (sql, arguments) = try read { db in
            let statement = try CommitmentRecord.all().matching(filter).makePreparedRequest(db).statement
            return (statement.sql, statement.arguments)
        }
        return try queryPlan(sql: sql, arguments: arguments)
    }

    /// SQLite's query plan for a statement, one detail per line.
    func queryPlan(sql: String, arguments: StatementArguments) throws -> String {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
            return rows.map { $0["detail"] as String? ?? "" }.joined(separator: "\n")
        }
    }
}
